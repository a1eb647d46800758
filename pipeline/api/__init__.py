"""The library's one door: a function per command, each returning a `Result`.

Every function raises `CchcError` for bad input or a refused action and otherwise
returns what it did: the files written, the input's warnings, the lines to tell the
clerk, and the command's own facts in `detail`. The command line (`cli`), scripts,
tests and the benchmark all call these and nothing below them.

Each function imports the stages it needs inside itself, only so that `cchc --help`
(which imports this module) loads none of docxtpl, openpyxl, lxml or babel.
"""

from pipeline.api.core import (
    DEFAULT_DATA,
    OUTPUT_ROOT,
    Loaded,
    Result,
    default_output,
    forms_folder,
    load,
    returned_folder,
    template,
    templates_dir,
)
from pipeline.api.documents import (
    import_plan,
    lint,
    template_contexts,
)
from pipeline.api.evaluation import (
    build_assessment_forms,
    collect_assessments,
    evaluate,
    evaluation_folder,
    self_assess,
)
from pipeline.api.pdf import (
    export_pdf,
    export_period_pdf,
)
from pipeline.api.period import (
    build_forms,
    build_remind,
    build_report,
    calendar,
    check_workbook,
    collect,
    undo_collect,
)
from pipeline.api.plan import (
    PLAN_NAME,
    AmendDone,
    build_amend,
    build_appendix,
    build_plan,
    render_plan,
)
from pipeline.api.status import (
    status,
)
from pipeline.api.year import (
    build_remind_plans,
    build_unit_plans,
    new_year,
)

__all__ = [
    "DEFAULT_DATA",
    "OUTPUT_ROOT",
    "PLAN_NAME",
    "AmendDone",
    "Loaded",
    "Result",
    "build_amend",
    "build_appendix",
    "build_assessment_forms",
    "build_forms",
    "build_plan",
    "build_remind",
    "build_remind_plans",
    "build_report",
    "build_unit_plans",
    "calendar",
    "check_workbook",
    "collect",
    "collect_assessments",
    "default_output",
    "evaluate",
    "evaluation_folder",
    "export_pdf",
    "export_period_pdf",
    "forms_folder",
    "import_plan",
    "lint",
    "load",
    "new_year",
    "render_plan",
    "returned_folder",
    "self_assess",
    "status",
    "template",
    "template_contexts",
    "templates_dir",
    "undo_collect",
]
