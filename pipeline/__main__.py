"""`python -m pipeline …`: the same command line as `cchc …` (for a machine without the script on PATH)."""
from pipeline.cli import main

if __name__ == "__main__":
    main()
