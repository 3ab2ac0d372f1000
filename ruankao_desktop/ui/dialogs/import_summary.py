"""What a preview or an import did, in words, as the import wizard's pages show it (translated in the
wizard's own context)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ruankao_desktop.core.messages import Language
from ruankao_desktop.core.services.importing import ImportPreview, ImportReport


def describe(result: ImportPreview, lang: Language) -> str:
    """The counts and remarks of a preview or report, in words."""
    translate = QCoreApplication.translate
    where = result.encoding or result.kind
    file = f"{Path(result.file).name}（{where}{'，' + result.sheet if result.sheet else ''}）"
    lines = [
        translate("ImportWizard", "文件：%1").replace("%1", file),
        translate("ImportWizard", "共 %1 行：新增 %2，更新 %3，不变 %4，被拒绝 %5。")
        .replace("%1", str(result.rows))
        .replace("%2", str(result.created))
        .replace("%3", str(result.updated))
        .replace("%4", str(result.unchanged))
        .replace("%5", str(result.rejected_rows)),
    ]
    if result.ignored_columns:
        lines.append(
            translate("ImportWizard", "忽略的列：%1").replace("%1", "、".join(result.ignored_columns))
        )
    lines.extend(session.message(lang) for session in result.new_sessions)
    written = isinstance(result, ImportReport) and result.written
    if written:
        lines.append(translate("ImportWizard", "已写入数据库。"))
    if result.held_back:
        held = (
            translate("ImportWizard", "%1 行会改变持证人的姓名或证件号码，未经确认，暂缓导入，没有写入。")
            if written
            else translate("ImportWizard", "%1 行会改变持证人的姓名或证件号码：勾选下方的确认后才会导入。")
        )
        lines.append(held.replace("%1", str(result.held_back)))
    elif written and result.identity_changes_total:
        lines.append(
            translate("ImportWizard", "已按确认导入 %1 处身份变更。").replace(
                "%1", str(result.identity_changes_total)
            )
        )
    return "\n".join(lines)
