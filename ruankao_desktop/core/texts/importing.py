"""Texts of importing official certificate lists and exporting reports."""

TEXTS: dict[str, tuple[str, str]] = {
    # Fields of a list (column names as the product calls them)
    "import.field.name": ("姓名", "name"),
    "import.field.id_number": ("证件号码", "ID number"),
    "import.field.id_type": ("证件类型", "ID type"),
    "import.field.cert_no": ("证书编号", "certificate number"),
    "import.field.management_no": ("管理号", "management number"),
    "import.field.qualification": ("资格名称", "qualification"),
    "import.field.level": ("级别", "level"),
    "import.field.session": ("考试批次", "exam session"),
    "import.field.approved_on": ("批准日期", "approval date"),
    "import.field.issuer": ("颁发机构", "issuing authority"),
    "import.field.phone": ("联系电话", "phone number"),
    # The file itself
    "import.file_missing": (
        "找不到文件：{path}。请检查路径和文件名。",
        "The file was not found: {path}. Check the path and the file name.",
    ),
    "import.file_unreadable": (
        "无法读取文件 {file}：{reason}。请确认文件没有被其他程序占用，并且有读取权限。",
        "The file {file} cannot be read: {reason}. Make sure no other program holds it open and that you "
        "may read it.",
    ),
    "import.file_empty": (
        "文件 {file} 是空的，没有任何内容。请确认选择了正确的文件，或重新从考试机构获取名单。",
        "The file {file} is empty. Make sure you chose the right file, or get the list from the exam "
        "office again.",
    ),
    "import.not_spreadsheet": (
        "文件 {file} 不是 Excel 工作簿（.xlsx）或 CSV 文件，无法读取（可能已损坏，或只是改了扩展名）。"
        "请在 Excel 或 WPS 中打开原始名单，另存为 .xlsx 或 CSV 后再导入。",
        "The file {file} is not an Excel workbook (.xlsx) or a CSV file and cannot be read (it may be "
        "damaged, or only renamed). Open the original list in Excel or WPS, save it as .xlsx or CSV and "
        "import that.",
    ),
    "import.not_spreadsheet_kind": (
        "文件 {file} 实际上是 {kind} 文件，不是电子表格，只是扩展名看起来像。"
        "请向考试机构索取 Excel（.xlsx）或 CSV 格式的名单。",
        "The file {file} is really a {kind} file, not a spreadsheet; only its name looks like one. Ask the "
        "exam office for the list as an Excel (.xlsx) or CSV file.",
    ),
    "import.unsupported_type": (
        "不支持“{suffix}”类型的文件（{file}）。请导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。",
        "Files of type “{suffix}” are not supported ({file}). Import an Excel workbook (.xlsx) or a CSV "
        "file (.csv).",
    ),
    "import.encrypted": (
        "工作簿 {file} 设有打开密码，无法读取。请在 Excel 或 WPS 中用密码打开它，"
        "在“文件 → 信息 → 保护工作簿”中删除密码并保存，然后再导入。",
        "The workbook {file} is password-protected and cannot be read. Open it in Excel or WPS with the "
        "password, remove the password (File → Info → Protect Workbook), save it and import it again.",
    ),
    "import.legacy_xls": (
        "文件 {file} 是旧版 Excel 97–2003 工作簿（.xls），不能直接导入。"
        "请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（.xlsx）”后再导入。",
        "The file {file} is an old Excel 97–2003 workbook (.xls) and cannot be imported directly. Open it "
        "in Excel or WPS, save it as “Excel Workbook (.xlsx)” and import that.",
    ),
    "import.csv_undecodable": (
        "无法识别 CSV 文件 {file} 的文字编码：它既不是 UTF-8，也不是 GB18030/GBK。"
        "请在 Excel 或 WPS 中打开，另存为“CSV UTF-8（逗号分隔）”后再导入。",
        "The text encoding of the CSV file {file} was not recognised: it is neither UTF-8 nor "
        "GB18030/GBK. Open it in Excel or WPS, save it as “CSV UTF-8 (comma delimited)” and import that.",
    ),
    "import.csv_garbled": (
        "CSV 文件 {file} 按 {encoding} 读出来是乱码，文件很可能采用了其他编码（例如繁体的 Big5）。"
        "为免导入错误的姓名，已拒绝导入。请在 Excel 或 WPS 中打开，确认文字显示正常后，"
        "另存为“CSV UTF-8（逗号分隔）”再导入。",
        "Read as {encoding}, the CSV file {file} is garbled: it is most likely in another encoding (such "
        "as Big5). It was refused so that no wrong names are imported. Open it in Excel or WPS, check that "
        "the text looks right, save it as “CSV UTF-8 (comma delimited)” and import that.",
    ),
    "import.csv_broken": (
        "CSV 文件 {file} 的格式有误，无法逐行读取：{reason}。请在 Excel 或 WPS 中打开并重新另存为 CSV。",
        "The CSV file {file} is malformed and cannot be read row by row: {reason}. Open it in Excel or WPS "
        "and save it as CSV again.",
    ),
    "import.xlsx_damaged": (
        "工作簿 {file} 已损坏，无法读取（压缩包或其中的内容有误）。请在 Excel 或 WPS 中打开它，"
        "如能打开，另存为新的 .xlsx 后再导入；否则请向考试机构重新索取名单。",
        "The workbook {file} is damaged and cannot be read (its archive or the content inside is broken). "
        "Open it in Excel or WPS; if it opens, save it as a new .xlsx and import that, otherwise ask the "
        "exam office for the list again.",
    ),
    "import.xlsx_sheet_damaged": (
        "工作簿 {file} 的工作表“{sheet}”在第 {row} 行附近已损坏，无法继续读取，没有导入任何内容。"
        "请在 Excel 或 WPS 中打开它，如能打开，另存为新的 .xlsx 后再导入；否则请向考试机构重新索取名单。",
        "The sheet “{sheet}” of the workbook {file} is damaged near row {row} and cannot be read further; "
        "nothing was imported. Open it in Excel or WPS; if it opens, save it as a new .xlsx and import "
        "that, otherwise ask the exam office for the list again.",
    ),
    # Limits (core/importing/limits.py): a file past them is refused before it is read
    "import.file_too_large": (
        "文件 {file} 有 {size}，超过了可导入的上限 {limit}。一份证书名单远小于此；"
        "请确认选择了正确的文件，或把名单分成几个文件分别导入。",
        "The file {file} is {size}, more than the {limit} that can be imported. A certificate list is far "
        "smaller; make sure you chose the right file, or split the list into several files.",
    ),
    "import.xlsx_too_large_unpacked": (
        "工作簿 {file} 解压后有 {size}，超过了上限 {limit}，为保护本机没有读取。"
        "请确认选择了正确的文件，或把名单分成几个文件分别导入。",
        "The workbook {file} unpacks to {size}, more than the limit of {limit}; it was not read, to protect "
        "this computer. Make sure you chose the right file, or split the list into several files.",
    ),
    "import.xlsx_too_many_parts": (
        "工作簿 {file} 内含 {parts} 个部件，超过了上限 {limit} 个，不像是正常的名单，为保护本机没有读取。"
        "请在 Excel 或 WPS 中打开原始名单，另存为新的 .xlsx 后再导入。",
        "The workbook {file} holds {parts} parts, more than the limit of {limit}: it does not look like a "
        "list and was not read, to protect this computer. Open the original list in Excel or WPS, save it "
        "as a new .xlsx and import that.",
    ),
    "import.xlsx_bomb": (
        "工作簿 {file} 中的“{part}”压缩比异常（{ratio}:1，上限 {limit}:1），可能是恶意构造的文件，"
        "为保护本机没有读取。请向考试机构重新索取名单。",
        "The part “{part}” of the workbook {file} is compressed abnormally ({ratio}:1, the limit is "
        "{limit}:1): the file may have been built to do harm and was not read, to protect this computer. "
        "Ask the exam office for the list again.",
    ),
    "import.xlsx_too_many_strings": (
        "工作簿 {file} 含有 {count} 个以上不同的文本（共享字符串），超过了上限 {limit} 个，"
        "为保护本机没有读取。请确认选择了正确的文件，或把名单分成几个文件分别导入。",
        "The workbook {file} holds {count} or more distinct texts (shared strings), more than the limit of "
        "{limit}; it was not read, to protect this computer. Make sure you chose the right file, or split "
        "the list into several files.",
    ),
    "import.xlsx_strings_too_long": (
        "工作簿 {file} 的文本（共享字符串）解压后共有 {size}，超过了上限 {limit}，为保护本机没有读取。"
        "请确认选择了正确的文件，或把名单分成几个文件分别导入。",
        "The texts (shared strings) of the workbook {file} unpack to {size}, more than the limit of "
        "{limit}; it was not read, to protect this computer. Make sure you chose the right file, or split "
        "the list into several files.",
    ),
    "import.too_many_rows": (
        "文件 {file} 有 {rows} 行以上，超过了可导入的上限 {limit} 行，没有导入任何内容。"
        "请把名单分成几个文件分别导入。",
        "The file {file} has {rows} rows or more, more than the {limit} rows that can be imported; nothing "
        "was imported. Split the list into several files.",
    ),
    "import.too_many_columns": (
        "文件 {file} 有 {columns} 列，超过了上限 {limit} 列，不像是证书名单，没有导入任何内容。"
        "请删除多余的列后再导入。",
        "The file {file} has {columns} columns, more than the limit of {limit}: it does not look like a "
        "certificate list, and nothing was imported. Delete the extra columns and import it again.",
    ),
    "import.cell_too_long": (
        "文件 {file} 第 {row} 行有一个单元格长达 {length} 个字符，超过了上限 {limit} 个，"
        "不像是证书名单的内容，没有导入任何内容。请检查这一行。",
        "A cell in row {row} of {file} is {length} characters long, more than the limit of {limit}: that is "
        "not what a certificate list holds, and nothing was imported. Check that row.",
    ),
    "import.line_too_long": (
        "CSV 文件 {file} 的第 {line} 行长于 {limit}，不像是证书名单，没有导入任何内容。"
        "请确认选择了正确的文件，或在 Excel 或 WPS 中打开并重新另存为 CSV。",
        "Line {line} of the CSV file {file} is longer than {limit}: it does not look like a certificate "
        "list, and nothing was imported. Make sure you chose the right file, or open it in Excel or WPS and "
        "save it as CSV again.",
    ),
    "import.too_many_merged": (
        "工作簿 {file} 合并了 {count} 个以上的单元格区域，超过了上限 {limit} 个，"
        "没有导入任何内容。请取消合并单元格后再导入。",
        "The workbook {file} has {count} or more merged ranges, more than the limit of {limit}; nothing "
        "was imported. Unmerge the cells and import it again.",
    ),
    "import.sheet_missing": (
        "工作簿 {file} 中没有名为“{sheet}”的工作表。现有的工作表：{sheets}。",
        "The workbook {file} has no sheet named “{sheet}”. Its sheets are: {sheets}.",
    ),
    "import.header_not_found": (
        "在文件 {file} 的前 {rows} 行中找不到表头。表头行应至少含有“姓名”“证件号码”“证书编号”"
        "“资格名称”“考试批次”中的三列。请检查文件内容，或确认选择的是证书名单。",
        "No header row was found in the first {rows} rows of {file}. The header must name at least three "
        "of the columns “姓名” (name), “证件号码” (ID number), “证书编号” (certificate number), “资格名称” "
        "(qualification) and “考试批次” (session). Check the file, or make sure it is a certificate list.",
    ),
    "import.header_missing": (
        "表头（第 {row} 行）缺少必需的列：{missing}。文件中现有的列：{present}。"
        "请在表头中补上这些列，或把对应的列改成上述名称之一。",
        "The header (row {row}) lacks required columns: {missing}. The file has the columns: {present}. "
        "Add these columns, or rename the matching columns to one of the names above.",
    ),
    "import.header_missing_item": ("“{field}”（可写作：{names}）", "“{field}” (may be written as: {names})"),
    "import.header_duplicate": (
        "表头（第 {row} 行）中有多列都表示“{field}”：{columns}。请删除多余的列，或把它们改成不同的名称。",
        "Several columns of the header (row {row}) mean “{field}”: {columns}. Delete the extra columns or "
        "give them different names.",
    ),
    "import.no_rows": (
        "文件 {file} 只有表头（第 {row} 行），下面没有数据行，没有可导入的内容。",
        "The file {file} has only a header (row {row}) and no data rows below it: there is nothing to "
        "import.",
    ),
    # Cells
    "import.cell_empty": (
        "“{column}”为空，这一列必须填写。",
        "“{column}” is empty; this column must be filled in.",
    ),
    "import.cell_formula": (
        "该单元格是公式，不是数值。请在 Excel 中复制这一列，用“选择性粘贴 → 数值”粘贴回原处后再导入。",
        "The cell holds a formula, not a value. In Excel copy the column and paste it back with "
        "“Paste Special → Values”, then import again.",
    ),
    "import.cell_error": (
        "该单元格显示错误值 {value}（公式出错），请改为正确的内容。",
        "The cell shows the error value {value} (a failed formula); replace it with the right content.",
    ),
    "import.digits_lost": (
        "该单元格是数值格式，Excel 只保留 15 位有效数字，后几位已经丢失，无法还原。"
        "请把这一列设为“文本”格式，按原始资料重新录入号码。",
        "The cell is a number: Excel keeps only 15 significant digits, so the last digits are lost and "
        "cannot be recovered. Format the column as Text and enter the numbers again from the original "
        "records.",
    ),
    "import.cert_no_bad": (
        "证书编号含有不允许的字符“{char}”（{codepoint}）：证书编号只能由字母、数字、“-”和“/”组成，"
        "最多 64 个字符。请按原始名单核对并改正。",
        "The certificate number holds the character “{char}” ({codepoint}), which is not allowed: a "
        "certificate number consists of letters, digits, “-” and “/” only, at most 64 of them. Check it "
        "against the original list and correct it.",
    ),
    "import.cert_no_too_long": (
        "证书编号过长：共 {length} 个字符，最多 {max} 个。请按原始名单核对并改正。",
        "The certificate number is too long: {length} characters, at most {max} are allowed. Check it "
        "against the original list and correct it.",
    ),
    "import.management_no_bad": (
        "管理号含有不允许的字符“{char}”（{codepoint}）：管理号只能由字母、数字、“-”和“/”组成，"
        "最多 64 个字符。请按原始名单核对并改正。",
        "The management number holds the character “{char}” ({codepoint}), which is not allowed: a "
        "management number consists of letters, digits, “-” and “/” only, at most 64 of them. Check it "
        "against the original list and correct it.",
    ),
    "import.management_no_too_long": (
        "管理号过长：共 {length} 个字符，最多 {max} 个。请按原始名单核对并改正。",
        "The management number is too long: {length} characters, at most {max} are allowed. Check it "
        "against the original list and correct it.",
    ),
    "import.cert_no_unusual": (
        "有 {count} 个证书编号（如 {value}）的格式与设置 [identifiers] cert_no（{pattern}）不同，"
        "已按名单原样导入。该设置只决定查询时输入的内容被当作哪种编号。",
        "Certificate numbers in another format than the settings' ([identifiers] cert_no, {pattern}): "
        "{count}, such as {value}. They were imported as the list gives them; the setting only decides "
        "what a typed query is taken for.",
    ),
    "import.management_no_unusual": (
        "有 {count} 个管理号（如 {value}）的格式与设置 [identifiers] management_no（{pattern}）不同，"
        "已按名单原样导入。该设置只决定查询时输入的内容被当作哪种编号。",
        "Management numbers in another format than the settings' ([identifiers] management_no, "
        "{pattern}): {count}, such as {value}. They were imported as the list gives them; the setting "
        "only decides what a typed query is taken for.",
    ),
    "import.phone_bad": (
        "联系电话无法识别：应为 11 位手机号码，或带区号的固定电话（如 010-12345678）。",
        "The phone number was not recognised: use an 11-digit mobile number or a landline with its area "
        "code (such as 010-12345678).",
    ),
    "import.issuer_too_long": (
        "颁发机构过长：共 {length} 个字，最多 {max} 个字。",
        "The issuing authority is too long: {length} characters, at most {max} are allowed.",
    ),
    "import.id_type_unknown": (
        "证件类型“{value}”无法识别：请填写居民身份证、港澳台居民居住证（或通行证）、护照或其他。",
        "The ID type “{value}” was not recognised: use “居民身份证” (resident ID card), “港澳台居民居住证” "
        "(HK/Macao/Taiwan residence permit or travel permit), “护照” (passport) or “其他” (other).",
    ),
    "import.level_bad": (
        "级别“{value}”无法识别：应为初级、中级或高级。",
        "The level “{value}” was not recognised: it must be “初级”, “中级” or “高级” (junior, intermediate "
        "or senior).",
    ),
    "import.qualification_unknown": (
        "资格名称“{value}”不在资格目录中（已包括现行名称、2004 年以前的旧名称和常见写法）。"
        "请核对名称是否有错别字。",
        "The qualification “{value}” is not in the catalogue (which includes the current names, the names "
        "used before 2004 and common variants). Check the name for typing errors.",
    ),
    "import.qualification_level": (
        "资格名称“{value}”与级别“{level}”不符：该资格的级别是{expected}。请核对资格名称或级别。",
        "The qualification “{value}” does not fit the level “{level}”: it is awarded at {expected}. Check "
        "the qualification or the level.",
    ),
    "import.qualification_ambiguous": (
        "资格名称“{value}”对应多个资格，无法确定是哪一个。请在名称中注明级别，例如“程序员（初级）”，或增加“级别”列。",
        "The qualification “{value}” matches several qualifications. Add the level to the name, such as "
        "“程序员（初级）”, or add a level column.",
    ),
    "import.qualification_years": (
        "资格“{value}”只在 {first}–{last} 年颁发，与考试批次的年份 {year} 不符。请核对资格名称或考试批次。",
        "The qualification “{value}” was awarded only in {first}–{last}, not in the session's year {year}. "
        "Check the qualification or the session.",
    ),
    "import.date_too_early": (
        "日期 {date} 早于 {earliest}，不可能是软考证书的批准日期，请核对。",
        "The date {date} is before {earliest} and cannot be the approval date of a certificate of this "
        "exam. Please check it.",
    ),
    "import.date_future": (
        "日期 {date} 晚于今天，批准日期不可能在将来，请核对。",
        "The date {date} is later than today; an approval date cannot lie in the future. Please check it.",
    ),
    # Dates and sessions (domain rules)
    "date.bad": (
        "日期“{value}”无法识别：请写成 2026-05-23、2026/5/23、2026.5.23 或 2026年5月23日。",
        "The date “{value}” was not recognised: write it as 2026-05-23, 2026/5/23, 2026.5.23 or "
        "“2026年5月23日”.",
    ),
    "date.impossible": (
        "日期“{value}”不存在（例如没有 2 月 30 日），请核对。",
        "The date “{value}” does not exist (there is no 30 February, for example). Please check it.",
    ),
    "date.bad_serial": (
        "数字 {value} 不是合理的 Excel 日期，请把单元格改为日期，或写成 2026-05-23 这样的形式。",
        "The number {value} is not a plausible Excel date. Make the cell a date, or write it like "
        "2026-05-23.",
    ),
    "session.bad": (
        "考试批次“{value}”无法识别：请写成 2025年上半年、2025上半年、2025年5月 或 2025H1。",
        "The exam session “{value}” was not recognised: write it as “2025年上半年”, “2025上半年”, "
        "“2025年5月” or 2025H1.",
    ),
    "session.year_out_of_range": (
        "考试批次“{value}”的年份不在 {first}–{last} 年之间，请核对。",
        "The year of the exam session “{value}” is not between {first} and {last}. Please check it.",
    ),
    # Checks across rows and against the database
    "import.duplicate_row": (
        "这一行与第 {first_row} 行完全相同（重复的证书编号），请删除重复的一行。",
        "This row repeats row {first_row} exactly (the same certificate number): delete the repeated row.",
    ),
    "import.duplicate_cert_no": (
        "证书编号与第 {first_row} 行相同，但其他内容不同。一个证书编号只能对应一张证书，"
        "请核对哪一行是正确的。",
        "The certificate number is the same as in row {first_row}, but the other cells differ. A "
        "certificate number belongs to one certificate only: check which row is right.",
    ),
    "import.person_two_names": (
        "证件号码与第 {first_row} 行相同，但姓名不同（第 {first_row} 行为 {first_name}，本行为 {name}）。"
        "同一证件号码只能是同一个人，请核对姓名或证件号码。",
        "The ID number is the same as in row {first_row}, but the name differs ({first_name} in row "
        "{first_row}, {name} here). One ID number is one person: check the name or the ID number.",
    ),
    "import.conflict_holder": (
        "证书编号 {cert_no} 在数据库中属于另一位持证人（{holder}），而本行为 {name}，证件号码也不同。"
        "为免张冠李戴，未予导入。请与考试机构核实这张证书的持证人。",
        "The certificate number {cert_no} belongs in the database to another holder ({holder}), while this "
        "row names {name} with a different ID number. It was not imported, so that no certificate is given "
        "to the wrong person. Check the holder with the exam office.",
    ),
    # Notes about accepted rows
    # Identity changes (old → new, masked)
    "import.change.id_number": ("证件号码变更", "New ID number"),
    "import.change.rename": ("姓名变更", "New name"),
    "import.change.former_name": ("添加曾用名", "Former name added"),
    "import.identity_note": ("导入名单 {file} 时记录", "recorded when importing the list {file}"),
    "import.new_session": (
        "将新建考试批次 {code}（{name}），考试日期 {date}。",
        "A new exam session {code} ({name}) will be created, exam date {date}.",
    ),
    "import.new_session_done": (
        "已新建考试批次 {code}（{name}），考试日期 {date}。",
        "The exam session {code} ({name}) was created, exam date {date}.",
    ),
    "import.new_session_provisional_done": (
        "已新建考试批次 {code}（{name}）。名单中没有具体考试日期，暂记为 {date}，请在批次设置中核实。",
        "The exam session {code} ({name}) was created. The list gives no exam date, so {date} is recorded "
        "for now: check it in the session settings.",
    ),
    "import.new_session_provisional": (
        "将新建考试批次 {code}（{name}）。名单中没有具体考试日期，暂记为 {date}，请导入后在批次设置中核实。",
        "A new exam session {code} ({name}) will be created. The list gives no exam date, so {date} is "
        "recorded for now: check it in the session settings after the import.",
    ),
    # Outcome
    "import.rejected": (
        "名单中有 {rows} 行有问题（共 {total} 行），因此没有导入任何数据。"
        "请按报告改正文件后重新导入，或选择只导入有效的行（命令行：--skip-invalid）。",
        "{rows} of the {total} rows have problems, so nothing was imported. Correct the file as the "
        "report says and import it again, or choose to import only the valid rows (command line: "
        "--skip-invalid).",
    ),
    "import.cancelled": (
        "导入已取消，数据库没有任何改动。",
        "The import was cancelled; the database was not changed.",
    ),
    # Command line
    "import.cli.source_csv": (
        "文件：{file}（CSV，编码 {encoding}，表头在第 {row} 行）",
        "File: {file} (CSV, encoding {encoding}, header in row {row})",
    ),
    "import.cli.source_xlsx": (
        "文件：{file}（工作表“{sheet}”，表头在第 {row} 行）",
        "File: {file} (sheet “{sheet}”, header in row {row})",
    ),
    "import.cli.counts_preview": (
        "共 {rows} 行：将新增 {created} 行，更新 {updated} 行，{unchanged} 行无变化，"
        "{rejected} 行有问题。（试运行，未写入数据库）",
        "{rows} rows: {created} would be created, {updated} updated, {unchanged} unchanged, {rejected} "
        "have problems. (Dry run: nothing was written.)",
    ),
    "import.cli.counts_done": (
        "已导入。共 {rows} 行：新增 {created} 行，更新 {updated} 行，{unchanged} 行无变化，"
        "跳过有问题的 {rejected} 行。",
        "Imported. {rows} rows: {created} created, {updated} updated, {unchanged} unchanged, {rejected} "
        "with problems skipped.",
    ),
    "import.cli.ignored": ("已忽略的列：{columns}", "Columns ignored: {columns}"),
    "import.cli.problems": ("有问题的行：", "Rows with problems:"),
    "import.cli.notes": ("逐行说明（行号、列、内容）：", "Notes by row (row, column, note):"),
    "import.cli.more": (
        "……另有 {count} 条未列出；用 --report 文件名.xlsx 保存完整报告。",
        "… and {count} more not listed; save the full report with --report FILE.xlsx.",
    ),
    "import.cli.identity_changes": (
        "身份变更（名单会改变这些持证人的姓名或证件号码）：",
        "Identity changes (the list changes these holders' names or ID numbers):",
    ),
    "import.cli.held_back": (
        "{rows} 行会改变持证人的姓名或证件号码（{changes} 处身份变更），未经确认，没有导入；"
        "其余的行照常处理。请逐条核对上面列出的身份变更，无误后加 --accept-identity-changes 再导入一次"
        "（已导入的行不会重复）。",
        "{rows} rows change the name or ID number of a holder ({changes} identity changes) and were held "
        "back, not imported; the other rows were processed as usual. Check each change listed above; if "
        "they are right, import the list again with --accept-identity-changes (rows already imported are "
        "not repeated).",
    ),
    "import.cli.held_back_preview": (
        "{rows} 行会改变持证人的姓名或证件号码（{changes} 处身份变更）：导入时须加 "
        "--accept-identity-changes 确认，否则这些行暂缓、不写入。",
        "{rows} rows change the name or ID number of a holder ({changes} identity changes): confirm them "
        "with --accept-identity-changes when importing, or these rows are held back and not written.",
    ),
    "import.cli.report_saved": ("报告已保存：{path}", "Report saved: {path}"),
    "import.cli.progress": ("已读取 {done} 行……", "{done} rows read…"),
    # Saved report
    "import.report.sheet.rejected": ("有问题的行", "Rejected rows"),
    "import.report.sheet.notes": ("提示", "Notes"),
    "import.report.sheet.summary": ("概要", "Summary"),
    "import.report.sheet.identity_changes": ("身份变更", "Identity changes"),
    "import.report.column.row": ("行号", "Row"),
    "import.report.column.column": ("列", "Column"),
    "import.report.column.value": ("值（已脱敏）", "Value (masked)"),
    "import.report.column.code": ("代码", "Code"),
    "import.report.column.reason": ("原因", "Reason"),
    "import.report.column.item": ("项目", "Item"),
    "import.report.column.detail": ("内容", "Detail"),
    "import.report.column.note": ("说明", "Note"),
    "import.report.column.change": ("变更", "Change"),
    "import.report.column.old": ("原来", "Before"),
    "import.report.column.new": ("改为", "After"),
    "import.report.column.cert_no": ("证书编号", "Certificate no."),
    "import.report.column.outcome": ("结果", "Outcome"),
    "import.report.change_held_back": (
        "未确认：第 {rows} 行暂缓，没有导入",
        "not confirmed: held back, not imported (rows: {rows})",
    ),
    "import.report.change_written": ("已确认：第 {rows} 行已导入", "confirmed: imported (rows: {rows})"),
    "import.report.change_confirmed": ("已确认（第 {rows} 行）", "confirmed (rows: {rows})"),
    "import.report.file": ("文件", "File"),
    "import.report.sha256": ("文件校验值（SHA-256）", "File checksum (SHA-256)"),
    "import.report.encoding": ("编码", "Encoding"),
    "import.report.sheet": ("工作表", "Sheet"),
    "import.report.header_row": ("表头所在行", "Header row"),
    "import.report.rows": ("数据行数", "Data rows"),
    "import.report.created": ("新增", "Created"),
    "import.report.updated": ("更新", "Updated"),
    "import.report.unchanged": ("无变化", "Unchanged"),
    "import.report.rejected_rows": ("有问题的行数", "Rows with problems"),
    "import.report.identity_changes": ("身份变更", "Identity changes"),
    "import.report.held_back": (
        "身份变更未确认而暂缓的行数",
        "Rows held back (identity changes not confirmed)",
    ),
    "import.report.ignored_columns": ("已忽略的列", "Columns ignored"),
    "import.report.new_session": ("新考试批次", "New exam session"),
    "import.report.written": ("已写入数据库", "Written to the database"),
    "import.report.yes": ("是", "yes"),
    "import.report.no": ("否", "no"),
    "import.report.masked": ("脱敏", "Masking"),
    "import.report.masked_note": (
        "证件号码已脱敏，报告中不含完整的证件号码；有问题的行中的姓名只显示第一个字，"
        "身份变更中的姓名与工作人员界面显示的相同。",
        "ID numbers are masked; the report holds no full ID number. Names of rejected rows show only their "
        "first character; names in the identity changes are shown as on the staff screens.",
    ),
    # Exports
    "export.bad_format": (
        "无法导出为“{file}”：请用 .xlsx 或 .csv 作为文件扩展名。",
        "Cannot export to “{file}”: use .xlsx or .csv as the file extension.",
    ),
    "export.folder_missing": (
        "导出目标文件夹不存在：{folder}。请先创建该文件夹，或另选位置。",
        "The export's folder does not exist: {folder}. Create it first or choose another place.",
    ),
    "export.write_failed": (
        "无法写入文件 {path}：{reason}。如果该文件正在 Excel 中打开，请先关闭它。",
        "The file {path} cannot be written: {reason}. If it is open in Excel, close it first.",
    ),
    "export.session_missing": (
        "没有考试批次“{session}”。请使用批次代码（如 2026H1）或名称（如 2026年上半年）。",
        "There is no exam session “{session}”. Use its code (such as 2026H1) or name (such as "
        "“2026年上半年”).",
    ),
    "export.state_not_allowed": (
        "领取名单只能导出“待领取”或“逾期未领”的证书，不能导出“{state}”。",
        "Pickup lists are made of certificates awaiting pickup or overdue, not “{state}”.",
    ),
    "export.done": (
        "已导出 {rows} 行到 {path}（证件号码已脱敏）。",
        "Exported {rows} rows to {path} (ID numbers masked).",
    ),
    "export.column.row": ("序号", "No."),
    "export.column.cert_no": ("证书编号", "Certificate no."),
    "export.column.management_no": ("管理号", "Management no."),
    "export.column.name": ("姓名", "Name"),
    "export.column.id_masked": ("证件号码（已脱敏）", "ID number (masked)"),
    "export.column.qualification": ("资格名称", "Qualification"),
    "export.column.level": ("级别", "Level"),
    "export.column.session": ("考试批次", "Session"),
    "export.column.state": ("状态", "State"),
    "export.column.valid_until": ("有效期至", "Valid until"),
    "export.column.issuer": ("颁发机构", "Issued by"),
    "export.column.pickup_deadline": ("领取截止日期", "Pickup deadline"),
    "export.column.signature": ("领取人签名", "Signature"),
    "export.column.tracking_no": ("受理编号", "Tracking no."),
    "export.column.kind": ("申请类型", "Kind"),
    "export.column.applicant": ("申请人", "Applicant"),
    "export.column.phone": ("联系电话", "Phone"),
    "export.column.email": ("电子邮箱", "E-mail"),
    "export.column.address": ("邮寄地址", "Postal address"),
    "export.column.reason": ("申请原因", "Reason"),
    "export.column.documents": ("已交材料", "Documents handed in"),
    "export.column.submitted_at": ("提交时间", "Submitted"),
    "export.column.photo_file": ("照片文件", "Photo file"),
    "export.column.status": ("办理进度", "Progress"),
    "export.title.lookup": ("查询结果", "Lookup results"),
    "export.title.pickup": ("{session} {state}证书名单", "{session}: certificates {state}"),
    "export.title.reissues": ("补发申请", "Reissue applications"),
    "export.title.import_errors": ("导入问题报告", "Import problems"),
    "export.about.sheet": ("说明", "About"),
    "export.about.item": ("项目", "Item"),
    "export.about.value": ("内容", "Value"),
    "export.about.what": ("内容", "Contents"),
    "export.about.rows": ("行数", "Rows"),
    "export.about.exported_at": ("导出时间", "Exported at"),
    "export.about.exported_by": ("导出人", "Exported by"),
    "export.about.masking": ("证件号码", "ID numbers"),
    "export.about.masked": (
        "已脱敏（只显示前 {head} 位和后 {tail} 位）。"
        "系统尚未设置可查看完整号码的角色，因此所有导出均为脱敏号码。",
        "Masked (only the first {head} and last {tail} characters shown). No role may see full numbers "
        "yet, so every export holds masked numbers.",
    ),
}
