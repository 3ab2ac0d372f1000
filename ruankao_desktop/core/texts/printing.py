"""Texts of printed copies, verification and the font chain."""

TEXTS: dict[str, tuple[str, str]] = {
    # The font chain (core.pdf.fonts, `fonts check`): codes "font.*".
    "font.uncovered": (
        "无法打印“{char}”（{codepoint}）：已安装和已配置的字体都没有这个字。为避免在打印件上留下空白，打印已停止。"
        "请安装包含这个字的字体（例如 Debian 的 fonts-babelstone-han，或 Windows 的 SimSun-ExtB），"
        "或在配置中指定这样的字体，然后重新打印。",
        "Cannot print “{char}” ({codepoint}): no installed or configured font has this character. Printing "
        "stopped so that no blank is printed. Install a font that covers it (e.g. fonts-babelstone-han on "
        "Debian, SimSun-ExtB on Windows) or configure one, then print again.",
    ),
    "font.uncovered.in_field": (
        "无法打印“{field}”中的“{char}”（{codepoint}）：已安装和已配置的字体都没有这个字。"
        "为避免在打印件上留下空白，打印已停止。"
        "请安装包含这个字的字体（例如 Debian 的 fonts-babelstone-han，或 Windows 的 SimSun-ExtB），"
        "或在配置中指定这样的字体，然后重新打印。",
        "Cannot print “{char}” ({codepoint}) in the field “{field}”: no installed or configured font has "
        "this character. Printing stopped so that no blank is printed. Install a font that covers it (e.g. "
        "fonts-babelstone-han on Debian, SimSun-ExtB on Windows) or configure one, then print again.",
    ),
    "font.none": (
        "找不到可用于打印的中文 TrueType 字体，无法打印。"
        "Debian/Ubuntu：请安装 fonts-lxgw-wenkai、fonts-wqy-zenhei 和 fonts-babelstone-han"
        "（或 fonts-hanazono）；"
        "Windows：需要宋体（simsun.ttc）、微软雅黑（msyh.ttc）和 SimSun-ExtB（simsunb.ttf）。",
        "No Chinese TrueType font for printing was found, so nothing can be printed. Debian/Ubuntu: install "
        "fonts-lxgw-wenkai, fonts-wqy-zenhei and fonts-babelstone-han (or fonts-hanazono); Windows: SimSun "
        "(simsun.ttc), Microsoft YaHei (msyh.ttc) and SimSun-ExtB (simsunb.ttf) are needed.",
    ),
    "font.not_found": (
        "配置的字体文件 {path} 不存在。请改正配置中的路径，或删除这一项。",
        "The configured font file {path} does not exist. Correct the path in the configuration or remove it.",
    ),
    "font.unusable": (
        "字体文件 {path} 不能用于打印：{problem}。只能使用 TrueType 轮廓字体（.ttf/.ttc，"
        "不能是 Noto CJK 这类 CFF/OpenType 字体），请换一个字体文件。",
        "The font file {path} cannot be used for printing: {problem}. Only TrueType-outline fonts "
        "(.ttf/.ttc, not CFF-based OpenType such as Noto CJK) can be embedded; choose another font file.",
    ),
    "font.chain": ("打印字体（按使用顺序）：", "Printing fonts (in the order they are tried):"),
    "font.column.position": ("序号", "No."),
    "font.column.name": ("字体名称", "Font name"),
    "font.column.family": ("字族", "Family"),
    "font.column.code_points": ("字数", "Characters"),
    "font.column.file": ("文件", "File"),
    "font.column.char": ("字", "Char"),
    "font.column.codepoint": ("码位", "Code point"),
    "font.column.font": ("打印字体", "Printed with"),
    "font.missing": ("缺字", "MISSING"),
    "font.check.ok": (
        "{count} 个字都有字体，可以打印。",
        "All {count} characters have a font and can be printed.",
    ),
    "font.check.missing": (
        "{count} 个字没有任何字体包含，含有它们的文字将被拒绝打印：{chars}。"
        "请安装包含这些字的字体（例如 fonts-babelstone-han 或 SimSun-ExtB）。",
        "{count} characters are in no font, and text containing them will not be printed: {chars}. Install "
        "a font that covers them (e.g. fonts-babelstone-han or SimSun-ExtB).",
    ),
    # End of the font chain's texts.
}
