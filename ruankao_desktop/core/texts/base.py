"""Texts of the foundation: ID numbers, names, lookup, states, storage, the command line."""

TEXTS: dict[str, tuple[str, str]] = {
    # ID numbers
    "id.empty": ("证件号码为空：请输入证件号码。", "The ID number is empty: please enter it."),
    "id.scientific": (
        "证件号码“{value}”是 Excel 科学计数法，原始数字已经丢失，无法还原。"
        "请在原始资料中核对号码，将该列设为“文本”格式后重新录入。",
        "The ID number “{value}” is in Excel scientific notation: the original digits are lost and cannot "
        "be recovered. Check the number in the original records, format the column as Text and enter it "
        "again.",
    ),
    "id.wrong_length": (
        "证件号码位数不对：输入了 {length} 位，居民身份证号码应为 18 位（旧证为 15 位）。请核对后重新输入。",
        "The ID number has the wrong length: {length} characters were entered, a resident ID number has "
        "18 (old cards 15). Please check it and enter it again.",
    ),
    "id.bad_character": (
        "证件号码第 {position} 位的“{char}”无效：居民身份证号码只能由数字和末位的 X 组成。",
        "Character {position} of the ID number, “{char}”, is not allowed: a resident ID number has only "
        "digits and an X at the end.",
    ),
    "id.unknown_province": (
        "证件号码的前两位“{code}”不是有效的省级行政区划代码，请核对号码的开头。",
        "The first two digits of the ID number, “{code}”, are not a valid province code. Please check the "
        "start of the number.",
    ),
    "id.bad_birth_date": (
        "证件号码中的出生日期“{digits}”不存在（第 7–14 位），请核对这几位数字。",
        "The birth date in the ID number, “{digits}” (digits 7–14), is not a real date. Please check those "
        "digits.",
    ),
    "id.birth_date_out_of_range": (
        "证件号码中的出生日期 {date} 不可能（早于 1900 年或晚于今天），请核对第 7–14 位。",
        "The birth date in the ID number, {date}, is impossible (before 1900 or after today). Please check "
        "digits 7–14.",
    ),
    "id.bad_check": (
        "证件号码校验位不对：按前 17 位计算，最后一位应为“{expected}”，输入的是“{actual}”。"
        "请逐位核对号码，可能有数字输错或顺序颠倒。",
        "The ID number's check character is wrong: from the first 17 digits the last one should be "
        "“{expected}”, but “{actual}” was entered. Please check every digit: one may be mistyped or two "
        "swapped.",
    ),
    "id.unknown_county": (
        "提示：区划代码 {code} 不在当前行政区划表中。旧证或已撤并的县区会出现这种情况，"
        "号码仍可使用，请留意核对。",
        "Note: region code {code} is not in the current list of counties. Old cards and merged counties "
        "have such codes; the number is accepted, but please check it.",
    ),
    "id.converted_15": (
        "提示：15 位旧证号码已转换为 18 位：{masked}。",
        "Note: the 15-digit legacy number was converted to 18 digits: {masked}.",
    ),
    "id_type.resident": ("居民身份证", "resident identity card"),
    "id_type.hmt": ("港澳台居民证件", "Hong Kong/Macao/Taiwan resident document"),
    "id_type.passport": ("护照", "passport"),
    "id_type.other": ("其他证件", "other document"),
    "id.bad_shape.hmt": (
        "证件号码“{value}”不符合港澳台居民证件的格式：居住证为 18 位数字（81/82/83 开头），"
        "来往内地通行证为 H 或 M 加 8 或 10 位数字，台胞证为 8 位数字。",
        "The ID number “{value}” is not a Hong Kong/Macao/Taiwan document number: a residence permit has 18 "
        "digits starting 81/82/83, a travel permit is H or M and 8 or 10 digits, a Taiwan compatriot permit "
        "8 digits.",
    ),
    "id.bad_shape.passport": (
        "护照号码“{value}”格式不对：应为 5–17 位字母和数字。",
        "The passport number “{value}” has the wrong shape: it has 5–17 letters and digits.",
    ),
    "id.bad_shape.other": (
        "证件号码“{value}”格式不对：应为 4–30 位字母、数字或连字符。",
        "The document number “{value}” has the wrong shape: it has 4–30 letters, digits or hyphens.",
    ),
    # Names
    "name.empty": ("姓名为空：请输入姓名。", "The name is empty: please enter it."),
    "name.too_long": (
        "姓名过长：共 {length} 个字，最多 {max} 个字。",
        "The name is too long: {length} characters, at most {max} are allowed.",
    ),
    "name.bad_character": (
        "姓名中的“{char}”（{codepoint}）不能用在姓名里，请删除或改正。",
        "The character “{char}” ({codepoint}) cannot be part of a name: please remove or correct it.",
    ),
    "name.bad_separator": (
        "姓名中的间隔号“·”只能出现在两个字之间。",
        "The separator “·” may only stand between two parts of a name.",
    ),
    # Lookup
    "lookup.empty": (
        "查询内容为空：请输入身份证号、证书编号、管理号或姓名。",
        "The query is empty: enter an ID number, certificate number, management number or name.",
    ),
    "lookup.strict_needs_two": (
        "请同时输入身份证号和姓名（或身份证号和证书编号）。",
        "Enter the ID number together with the name (or with the certificate number).",
    ),
    "lookup.too_many_words": (
        "查询内容有 {count} 个词，最多 {max} 个：请去掉一些再查询。",
        "The query has {count} words; at most {max} can be combined. Remove some and search again.",
    ),
    "lookup.unrecognised": (
        "无法识别“{value}”：请输入身份证号、证书编号、管理号、姓名或姓名拼音。",
        "“{value}” was not recognised: enter an ID number, certificate number, management number, name or "
        "the name in pinyin.",
    ),
    "lookup.none": (
        "没有找到匹配的证书（按{kind}查询）。请核对输入；如果证书所属批次尚未到达，请以考试机构公布的发证时间为准，"
        "仍有疑问请联系考试机构。",
        "No certificate matches (searched by {kind}). Check the input; if the certificate's session has not "
        "arrived yet, see the issuing dates announced by the exam office, and contact it if in doubt.",
    ),
    "kind.id_number": ("证件号码", "ID number"),
    "kind.cert_no": ("证书编号", "certificate number"),
    "kind.management_no": ("管理号", "management number"),
    "kind.name": ("姓名", "name"),
    "kind.pinyin": ("姓名拼音", "name in pinyin"),
    "kind.mixed": ("姓名（汉字与拼音）", "name in characters and pinyin"),
    "kind.identifier": ("编号", "number"),
    "kind.id_tail": ("证件号码后几位", "end of an ID number"),
    "kind.combined": ("组合条件", "combined words"),
    # Why a result matched
    "matched.text": ("{field}（{form}）", "{field} ({form})"),
    "matched.field.name": ("姓名", "name"),
    "matched.field.former_name": ("曾用名", "former name"),
    "matched.field.pinyin": ("拼音", "pinyin"),
    "matched.field.initials": ("拼音首字母", "initials"),
    "matched.field.id_number": ("证件号码", "ID number"),
    "matched.field.former_id_number": ("原证件号码", "former ID number"),
    "matched.field.cert_no": ("证书编号", "certificate number"),
    "matched.field.management_no": ("管理号", "management number"),
    "matched.form.exact": ("完全一致", "exact"),
    "matched.form.surname": ("姓氏", "surname"),
    "matched.form.prefix": ("开头一致", "start"),
    "matched.form.full": ("全拼", "full"),
    "matched.form.partial": ("部分拼音", "partial"),
    "matched.form.initials": ("首字母", "initials"),
    "matched.form.mixed": ("汉字加拼音", "mixed"),
    "matched.form.tail": ("后几位", "last digits"),
    # Near misses of a mistyped number
    "suggestion.wrong": (
        "您是不是要找 {field} {number}（{name}）？有一个字符不同。",
        "Did you mean {field} {number} ({name})? One character differs.",
    ),
    "suggestion.missing": (
        "您是不是要找 {field} {number}（{name}）？输入少了一个字符。",
        "Did you mean {field} {number} ({name})? One character is missing from what was typed.",
    ),
    "suggestion.extra": (
        "您是不是要找 {field} {number}（{name}）？输入多了一个字符。",
        "Did you mean {field} {number} ({name})? What was typed has one character too many.",
    ),
    "suggestion.swapped": (
        "您是不是要找 {field} {number}（{name}）？有两个相邻字符顺序颠倒。",
        "Did you mean {field} {number} ({name})? Two neighbouring characters are swapped.",
    ),
    # Validity
    "validity.long_term": ("长期有效", "long-term"),
    # Certificate states: short text, what it means, what the candidate does next
    "state.not_arrived": ("未到达", "not arrived"),
    "state.not_arrived.explain": (
        "证书尚未到达本考点（可能尚未制发，或因考试安排调整而延迟）。",
        "The certificate has not reached this centre yet (it may not be issued yet, or be delayed by a "
        "schedule change).",
    ),
    "state.not_arrived.next": (
        "请留意本批次的预计到达时间和考点通知；超过公布时间仍未到达，可申请“未收到”补发。",
        "Watch for the session's expected arrival date and the centre's notices; if it is overdue, apply "
        "for a reissue as “not received”.",
    ),
    "state.awaiting_pickup": ("待领取", "awaiting pickup"),
    "state.awaiting_pickup.explain": (
        "证书已到达本考点，等待领取。",
        "The certificate is at the centre, ready to collect.",
    ),
    "state.awaiting_pickup.next": (
        "本人携带身份证原件在领取截止日期前到考点领取；他人代领需双方身份证或委托书。",
        "Collect it in person with the original ID card before the pickup deadline; a proxy needs both ID "
        "cards or a signed authorisation.",
    ),
    "state.collected": ("已领取", "collected"),
    "state.collected.explain": ("证书已由本人领取。", "The holder collected the certificate in person."),
    "state.collected.next": (
        "请妥善保管证书；遗失或损坏可申请补发。",
        "Keep it safe; if lost or damaged, apply for a reissue.",
    ),
    "state.collected_by_proxy": ("已代领", "proxy pickup"),
    "state.collected_by_proxy.explain": ("证书已由他人代为领取。", "A proxy collected the certificate."),
    "state.collected_by_proxy.next": (
        "请向代领人索取证书；如有疑问，可查看领取记录中的代领人信息。",
        "Ask the proxy for the certificate; the handover record names them.",
    ),
    "state.mailed": ("已邮寄", "mailed"),
    "state.mailed.explain": (
        "证书已按登记地址邮寄。",
        "The certificate was mailed to the registered address.",
    ),
    "state.mailed.next": (
        "请凭快递单号查询投递进度。",
        "Track the delivery with the courier tracking number.",
    ),
    "state.overdue": ("逾期未领", "overdue"),
    "state.overdue.explain": (
        "证书已过领取截止日期仍未领取。",
        "The pickup deadline has passed and the certificate was not collected.",
    ),
    "state.overdue.next": (
        "请联系考点预约领取；证书仍由考点保管。",
        "Contact the centre to arrange a pickup; the centre still keeps the certificate.",
    ),
    "state.reissue_in_progress": ("补办中", "reissuing"),
    "state.reissue_in_progress.explain": (
        "该证书的补发或换发申请正在办理。",
        "A reissue application for this certificate is being processed.",
    ),
    "state.reissue_in_progress.next": (
        "补办通常需要数月，请留意考点通知，新证书到达后凭身份证领取。",
        "A reissue usually takes months; watch for the centre's notice and collect the new certificate with "
        "your ID card.",
    ),
    "state.superseded": ("已补发", "reissued"),
    "state.superseded.explain": (
        "该证书已被补发的新证书取代，原证书编号不再使用。",
        "A reissued certificate replaced this one; the old number is no longer used.",
    ),
    "state.superseded.next": (
        "请使用新证书编号 {successor} 查询。",
        "Look up the new certificate number {successor}.",
    ),
    "state.revoked": ("已撤销", "revoked"),
    "state.revoked.explain": ("该证书已被撤销：{reason}", "This certificate was revoked: {reason}"),
    "state.revoked.next": ("如有异议，请联系考试机构。", "If you disagree, contact the exam office."),
    "state.expired": ("已过期", "expired"),
    "state.expired.explain": (
        "按该资格的有效期规定，证书已于 {valid_until} 到期。",
        "Under this qualification's validity policy the certificate expired on {valid_until}.",
    ),
    "state.expired.next": (
        "请申请更新（换证），需提交身份证明和考试成绩证明。",
        "Apply for a renewal with proof of identity and proof of the exam result.",
    ),
    # Storage
    "db.folder_missing": (
        "数据库所在的文件夹不存在：{folder}。请先创建该文件夹，或用 --db 指定其他位置。",
        "The database's folder does not exist: {folder}. Create it first or choose another location with "
        "--db.",
    ),
    "db.folder_read_only": (
        "数据库所在的文件夹不可写：{folder}。请检查文件夹权限，或用 --db 指定其他位置。",
        "The database's folder is not writable: {folder}. Check its permissions or choose another location "
        "with --db.",
    ),
    "db.not_a_database": (
        "文件 {path} 不是本软件的数据库（可能已损坏或是其他类型的文件）。请检查路径，或从备份恢复。",
        "The file {path} is not a database of this application (it may be damaged or another kind of file). "
        "Check the path or restore a backup.",
    ),
    "db.too_new": (
        "数据库 {path} 的结构版本为 {found}，而本程序只支持到版本 {supported}。它由更新版本的程序创建，"
        "请升级本程序后再打开；数据库未作任何修改。",
        "The database {path} has schema version {found}, this program supports up to version {supported}. "
        "A newer program created it: upgrade this program to open it; the database was not changed.",
    ),
    "db.bad_url": (
        "无法识别的数据库地址“{url}”：请使用文件路径、sqlite:///路径 或 postgresql://用户@主机/库名。",
        "Unrecognised database address “{url}”: use a file path, sqlite:///path or "
        "postgresql://user@host/db.",
    ),
    "db.unavailable": (
        "无法打开数据库 {path}：{reason}。",
        "Cannot open the database {path}: {reason}.",
    ),
    # A PostgreSQL server that cannot be used: which server, and what to check (never the password).
    "db.server_password": (
        "数据库服务器 {server} 拒绝了用户“{user}”的登录：密码不对或该用户不存在。"
        "请检查连接地址中的密码、环境变量 PGPASSWORD 或 ~/.pgpass 文件，或请管理员核对该用户。",
        "The database server {server} refused user “{user}”: the password is wrong or the user does not "
        "exist. Check the password in the URL, the PGPASSWORD variable or the ~/.pgpass file, or ask the "
        "administrator to check the user.",
    ),
    "db.server_no_database": (
        "数据库服务器 {server} 上没有名为“{name}”的数据库：请检查连接地址中的名称，"
        "或请管理员先创建它（createdb {name}），再运行 db init。",
        "The database server {server} has no database named “{name}”: check the name in the URL, or ask "
        "the administrator to create it (createdb {name}), then run db init.",
    ),
    "db.server_unknown_host": (
        "找不到数据库服务器“{host}”：请检查连接地址中的主机名拼写，以及本机的网络和 DNS 设置。",
        "The database server “{host}” cannot be found: check the host name in the URL, and this "
        "computer's network and DNS settings.",
    ),
    "db.server_unreachable": (
        "无法连接数据库服务器 {server}：服务器没有运行、端口不对，或网络/防火墙挡住了连接。"
        "请检查服务器是否已启动、地址和端口是否正确。",
        "Cannot reach the database server {server}: it is not running, the port is wrong, or the network "
        "or a firewall blocks the connection. Check that the server is up and the address and port are "
        "right.",
    ),
    "db.server_lost": (
        "与数据库服务器 {server} 的连接中断了（服务器重启、关闭或网络断开），本次操作可能没有完成。"
        "程序会在服务器恢复后自动重新连接：请稍后再试，写入类操作请先重新打开记录核对。",
        "The connection to the database server {server} was lost (the server restarted, shut down, or the "
        "network went away): this operation may not have been done. The program reconnects by itself once "
        "the server is back: try again in a moment, and reopen the record to check before repeating a "
        "change.",
    ),
    "db.server_too_old": (
        "数据库服务器 {server} 是 PostgreSQL {version}，本程序需要 PostgreSQL {supported} 或更新的版本。"
        "请升级服务器，或改用 SQLite 数据库文件。",
        "The database server {server} runs PostgreSQL {version}; this program needs PostgreSQL "
        "{supported} or newer. Upgrade the server, or use a SQLite database file.",
    ),
    "db.locked": (
        "数据库正忙：另一个窗口或终端正在写入（例如导入或备份），本次操作没有完成。请等它结束后再试一次。",
        "The database is busy: another window or desk is writing (an import or a backup, for example), so "
        "this operation was not done. Try again when that has finished.",
    ),
    "db.copy_not_empty": (
        "目标数据库 {target} 不是空的，为免覆盖已拒绝复制。"
        "请指定一个新的文件，或服务器上一个新建的空数据库。",
        "The target database {target} is not empty, so nothing was copied (it would be overwritten). Name a "
        "new file, or a new empty database on the server.",
    ),
    "db.copy_same": (
        "目标 {target} 就是当前数据库本身，无法复制到自身。",
        "The target {target} is the current database itself: it cannot be copied onto itself.",
    ),
    "db.copy_old_source": (
        "当前数据库的结构版本是 {version}，复制前请先升级（db migrate）。",
        "The current database is at schema version {version}: upgrade it first (db migrate), then copy.",
    ),
    "db.backup_exists": (
        "备份文件 {path} 已存在，为免覆盖已拒绝。请换一个文件名。",
        "The backup file {path} already exists and was not overwritten. Choose another file name.",
    ),
    "db.backup_folder_missing": (
        "备份目标文件夹不存在：{folder}。",
        "The backup's folder does not exist: {folder}.",
    ),
    "db.restore_missing": (
        "找不到要恢复的备份文件：{path}。",
        "The backup file to restore was not found: {path}.",
    ),
    "db.restore_same": (
        "备份文件就是当前数据库本身，无需恢复。",
        "The backup file is the current database itself: nothing to restore.",
    ),
    "db.not_sqlite": (
        "该操作只适用于 SQLite 数据库文件；PostgreSQL 请使用 pg_dump / pg_restore。",
        "This operation works on SQLite database files only; for PostgreSQL use pg_dump / pg_restore.",
    ),
    "config.invalid": (
        "配置文件 {path} 有误：{problem}。请改正该文件，或删除它以使用默认设置。",
        "The configuration file {path} is wrong: {problem}. Correct it, or delete it to use the defaults.",
    ),
    "level.junior": ("初级", "junior"),
    "level.intermediate": ("中级", "intermediate"),
    "level.senior": ("高级", "senior"),
    "category.software": ("计算机软件", "computer software"),
    "category.network": ("计算机网络", "computer networks"),
    "category.application": ("计算机应用技术", "computer application technology"),
    "category.information_systems": ("信息系统", "information systems"),
    "category.information_services": ("信息服务", "information services"),
    # Command line
    "cli.column.cert_no": ("证书编号", "Cert. no."),
    "cli.column.name": ("姓名", "Name"),
    "cli.column.id": ("证件号码", "ID number"),
    "cli.column.qualification": ("资格名称", "Qualification"),
    "cli.column.level": ("级别", "Level"),
    "cli.column.session": ("考试批次", "Session"),
    "cli.column.state": ("状态", "State"),
    "cli.column.valid_until": ("有效期至", "Valid until"),
    "cli.column.management_no": ("管理号", "Mgmt. no."),
    "cli.truncated": (
        "共找到 {total} 条，只显示了前 {shown} 条：请加上姓名、证件号码后几位、批次或资格缩小范围"
        "（或用 --limit 显示更多）。",
        "{total} found, only the first {shown} are shown: narrow the search with a name, the last digits "
        "of the ID number, a session or a qualification (or show more with --limit).",
    ),
    "cli.column.matched": ("匹配", "Matched"),
    "cli.column.days_left": ("剩余天数", "Days left"),
    "cli.reindex_progress": (
        "正在重建查询索引：{done}/{total} 个姓名",
        "Rebuilding the search keys: {done}/{total} names",
    ),
    "cli.arrived": (
        "{session}：{arrived} 张证书登记为 {day} 到达；{already} 张此前已到达，未改动。",
        "{session}: {arrived} certificates recorded as arrived on {day}; {already} had arrived before and "
        "were left as they were.",
    ),
    "cli.handed_over": (
        "已登记：证书 {cert_no}，{method}，{at}。",
        "Recorded: certificate {cert_no} {method}, {at}.",
    ),
    "cli.overview": (
        "共 {total} 张证书；今日领取 {today}，逾期未领 {overdue}，90 天内到期 {expiring}，"
        "未办结咨询 {enquiries}。",
        "{total} certificates; handed over today {today}, overdue {overdue}, expiring within 90 days "
        "{expiring}, open enquiries {enquiries}.",
    ),
    "cli.overview_session": ("考试批次", "Session"),
    "cli.enquiry_logged": ("已登记咨询 {id}（{state}）。", "Enquiry {id} logged ({state})."),
    "cli.enquiry_answered": ("咨询 {id} 现为“{state}”。", "Enquiry {id} is now “{state}”."),
    "cli.enquiry_none": ("没有符合条件的咨询记录。", "No enquiry matches."),
    "cli.enquiry_column.id": ("编号", "No."),
    "cli.enquiry_column.at": ("时间", "When"),
    "cli.enquiry_column.channel": ("方式", "Channel"),
    "cli.enquiry_column.who": ("咨询人", "Who"),
    "cli.enquiry_column.contact": ("联系方式", "Contact"),
    "cli.enquiry_column.cert_no": ("证书编号", "Certificate"),
    "cli.enquiry_column.state": ("状态", "State"),
    "cli.enquiry_column.question": ("问题", "Question"),
    "cli.reissue_none": ("没有符合条件的补办申请。", "No reissue application matches."),
    "cli.reissue_column.tracking_no": ("受理编号", "Tracking no."),
    "cli.reissue_column.status": ("状态", "Status"),
    "cli.reissue_column.kind": ("类型", "Kind"),
    "cli.reissue_column.cert_no": ("证书编号", "Certificate"),
    "cli.reissue_column.name": ("姓名", "Name"),
    "cli.reissue_column.days": ("天数", "Days"),
    "cli.reissue_column.more": ("批次 / 新证 / 退回原因", "Batch / new certificate / reason"),
    "cli.reissue_stepped": (
        "补办申请 {tracking_no} 现为“{status}”。",
        "Application {tracking_no} is now “{status}”.",
    ),
    "cli.reissue_listed": (
        "已按清单登记 {count} 张新证，到达日期 {day}；对应的补办申请现为“新证已到”。",
        "{count} new certificates recorded from the list, arrived on {day}; their applications are now "
        "“new certificate arrived”.",
    ),
    "cli.arrived_usage": (
        "请给出受理编号和 --new-cert-no 新证书编号，或用 --file 给出新证清单（二者选一）。",
        "Give the tracking number and --new-cert-no with the new number, or --file with a list of new "
        "certificates (one or the other).",
    ),
    "cli.reissue_reported": (
        "已生成上报批次 {batch_no}（{requests} 份申请）：{workbook}，照片 {photos}。",
        "Batch {batch_no} ({requests} applications) written: {workbook}, photos {photos}.",
    ),
    "cli.handover_undone": (
        "已撤销证书 {cert_no} 的领取登记（{method}），{at}；证书恢复为待领取。",
        "The handover of certificate {cert_no} ({method}) was undone at {at}; it waits for pickup again.",
    ),
    "cli.none_expiring": (
        "今后 {within} 天内没有到期的证书。",
        "No certificate's term ends within the next {within} days.",
    ),
    "cli.notice_added": (
        "通知 {id} 已发布，显示到 {until}。",
        "Announcement {id} is posted, shown until {until}.",
    ),
    "cli.notice_none": ("目前没有通知。", "There are no announcements now."),
    "cli.notice_withdrawn": ("通知 {id} 已撤下。", "Announcement {id} is withdrawn."),
    "cli.notice_column.id": ("编号", "No."),
    "cli.notice_column.from": ("开始", "From"),
    "cli.notice_column.until": ("结束", "Until"),
    "cli.notice_column.audience": ("显示于", "Shown at"),
    "cli.notice_column.text": ("内容", "Text"),
    "notice.audience.desk": ("服务台", "the desks"),
    "notice.audience.kiosk": ("自助机", "the kiosk"),
    "notice.audience.both": ("服务台和自助机", "desks and kiosk"),
    "notice.withdrawn": ("（已撤下）", " (withdrawn)"),
    "cli.revoked": (
        "证书 {cert_no} 已撤销，原因已记入审计日志。此前打印的核验件核验时将显示“已撤销”及原因。",
        "Certificate {cert_no} is revoked; the reason is in the audit trail. Copies printed before now "
        "verify as revoked, with the reason.",
    ),
    "cli.deadline_set": (
        "{session} 的领取截止日期已改为 {day}，原因已记入审计日志。",
        "The pickup deadline of {session} is now {day}; the reason is in the audit trail.",
    ),
    "cli.reindex_done": (
        "查询索引已重建：{certificates} 张证书，{keys} 个索引键。",
        "Search keys rebuilt: {certificates} certificates, {keys} keys.",
    ),
    "cli.db_ready": (
        "数据库已就绪：{location}（结构版本 {version}）",
        "Database ready: {location} (schema version {version})",
    ),
    "cli.db_check": (
        "数据库：{location}\n结构版本：{version}（本程序支持 {latest}）",
        "Database: {location}\nSchema version: {version} (this program: {latest})",
    ),
    "cli.db_ok": ("检查通过：未发现问题。", "Check passed: no problems found."),
    "cli.db_not_ok": ("检查未通过：见上方列出的问题。", "Check failed: see the problems listed above."),
    "cli.backup_done": ("已备份到 {path}", "Backed up to {path}"),
    "cli.copy_table": (
        "  {table}：{rows} 行，校验和 {checksum} {verdict}",
        "  {table}: {rows} rows, checksum {checksum} {verdict}",
    ),
    "cli.copy_same": ("一致", "same"),
    "cli.copy_different": (
        "不一致（复制后 {rows} 行，校验和 {checksum}）",
        "DIFFERENT (copied: {rows} rows, checksum {checksum})",
    ),
    "cli.copy_done": (
        "已复制到 {target}：{tables} 张表，逐表核对行数和校验和，全部一致。",
        "Copied to {target}: {tables} tables, each checked by row count and checksum: all the same.",
    ),
    "cli.copy_differs": (
        "已复制到 {target}，但核对发现不一致（见上）。请不要使用这份副本，并保留原数据库。",
        "Copied to {target}, but the check found differences (above). Do not use the copy; keep the "
        "original database.",
    ),
    "cli.restore_done": (
        "已从 {path} 恢复；恢复前的数据已另存为 {safety}",
        "Restored from {path}; the data from before the restore was saved as {safety}",
    ),
    "cli.seed_progress": ("正在生成演示数据：{done}/{total}", "Generating demo data: {done}/{total}"),
    "cli.seed_done": (
        "演示数据已生成：{certificates} 张证书，{holders} 位持证人，{sessions} 个考试批次。",
        "Demo data generated: {certificates} certificates, {holders} holders, {sessions} sessions.",
    ),
    "cli.demo_preparing": (
        "首次使用演示数据库，正在生成 {count} 张演示证书……",
        "First use of the demo database: generating {count} demo certificates…",
    ),
    "cli.unexpected": (
        "发生了意外错误，操作未完成。详细信息已记录在日志文件：{log}。请把该文件发给技术支持。",
        "An unexpected error stopped the operation. Details are in the log file: {log}. Please send it to "
        "support.",
    ),
    "gui.no_display": (
        "没有可用的显示器，无法打开窗口。请在桌面环境中运行；在服务器上可用 xvfb-run ruankao-desktop，"
        "或只使用命令行功能（ruankao-desktop --help）。",
        "There is no display to open a window on. Run it in a desktop session; on a server use "
        "xvfb-run ruankao-desktop, or use the command line only (ruankao-desktop --help).",
    ),
    # Demo data
    "demo.not_empty": (
        "数据库中已有 {count} 张证书：演示数据只写入空数据库，以免和真实数据混在一起。"
        "请用 --db 指定一个新文件。",
        "The database already holds {count} certificates: demo data is only written to an empty database, "
        "so that it never mixes with real records. Choose a new file with --db.",
    ),
    "demo.bad_count": ("--count 必须是正整数。", "--count must be a positive whole number."),
    # Opening and checking databases; the command line's options
    "db.empty_option": (
        "--db 为空：请给出数据库文件的路径或地址。为免误写入，不会改用默认数据库。",
        "--db is empty: give the database's file path or URL. The default database is not used instead, "
        "so that nothing is written to it by mistake.",
    ),
    "db.empty_env": (
        "环境变量 {variable} 为空：请给出数据库文件的路径或地址，或删除该变量以使用默认数据库。",
        "The environment variable {variable} is empty: give the database's file path or URL, or unset it "
        "to use the default database.",
    ),
    "db.is_directory": (
        "{path} 是文件夹，不是数据库文件。请用 --db 指定其中的数据库文件（例如 centre.db）。",
        "{path} is a folder, not a database file. Name the database file in it with --db (e.g. centre.db).",
    ),
    "db.not_a_file": (
        "{path} 不是普通文件（例如设备 /dev/null），不能用作数据库。请用 --db 指定数据库文件。",
        "{path} is not a regular file (a device such as /dev/null) and cannot hold a database. Name a "
        "database file with --db.",
    ),
    "db.disk_full": (
        "磁盘已满（或数据库已达到大小上限），操作未完成，未完成的写入已撤销。请腾出磁盘空间后重试。",
        "The disk is full (or the database reached its size limit): the operation was not completed and "
        "its unfinished writes were undone. Free some disk space and try again.",
    ),
    "db.read_only": (
        "数据库位于只读的文件或介质上，不能写入：操作未完成。请把数据库复制到可写的位置，再用 --db 指定它。",
        "The database is on a read-only file or medium and cannot be written: the operation was not "
        "done. Copy the database to a writable place and name it with --db.",
    ),
    "db.read_only_old": (
        "数据库 {path} 是只读的，而它的结构版本 {found} 需要升级到 {latest} 才能使用。"
        "请把它复制到可写的位置，再用 --db 指定该副本。",
        "The database {path} is read-only, and its schema version {found} must be upgraded to {latest} "
        "before use. Copy it to a writable place and name the copy with --db.",
    ),
    "db.read_only_unclosed": (
        "只读介质上的数据库 {path} 旁有未合并的写入（-wal 文件），直接读取会漏掉这些数据。"
        "请把数据库连同 -wal、-shm 文件一起复制到可写的位置，再用 --db 指定该副本。",
        "The database {path} on a read-only medium has writes not yet merged into it (a -wal file); "
        "reading it there would miss them. Copy it with its -wal and -shm files to a writable place and "
        "name the copy with --db.",
    ),
    "db.damaged": (
        "数据库文件已损坏，操作未完成。请运行 db check 查看问题和可用的备份。",
        "The database file is damaged: the operation was not done. Run db check to see the problems and "
        "the backups to restore.",
    ),
    "db.driver_missing": (
        "无法连接 {url}：没有安装 PostgreSQL 驱动 psycopg。"
        "请运行 pip install 'ruankao-desktop[postgres]' 后重试。",
        "Cannot connect to {url}: the PostgreSQL driver psycopg is not installed. Run "
        "pip install 'ruankao-desktop[postgres]' and try again.",
    ),
    "db.check_missing": (
        "{path} 处没有数据库（文件不存在或为空），无从检查。新建数据库请用 db init。",
        "There is no database at {path} (no file, or an empty one): nothing to check. Create one with "
        "db init.",
    ),
    "db.backup_unwritable": (
        "无法写入备份文件 {path}：{reason}。请换一个可写的位置。",
        "Cannot write the backup file {path}: {reason}. Choose a writable place.",
    ),
    "db.restore_damaged": (
        "备份 {path} 已损坏，未恢复，当前数据库未作任何修改：{details}。请改用另一个完好的备份。",
        "The backup {path} is damaged and was not restored; the current database was not changed: "
        "{details}. Restore another, intact backup.",
    ),
    "db.check.unreadable": ("无法读取数据库：{reason}", "The database cannot be read: {reason}"),
    "db.check.integrity": ("完整性检查：{detail}", "Integrity check: {detail}"),
    "db.check.table_missing": ("缺少数据表 {table}", "The table {table} is missing"),
    "db.check.table_altered": (
        "数据表 {table} 的列与本程序不符：缺少 {missing}，多出 {extra}",
        "The table {table} has other columns than this program's: missing {missing}, extra {extra}",
    ),
    "db.check.no_version": (
        "缺少 schema_migration 表，无法确定结构版本",
        "The table schema_migration is missing: the schema version is unknown",
    ),
    "db.check.old_schema": (
        "结构版本 {version} 早于本程序的 {latest}：请运行 db migrate（会先自动备份）",
        "Schema version {version} is older than this program's {latest}: run db migrate (it backs up first)",
    ),
    "db.check.too_new": (
        "结构版本 {version} 比本程序支持的 {latest} 新：请升级本程序",
        "Schema version {version} is newer than this program supports ({latest}): upgrade the program",
    ),
    "db.check.audit_unreadable": (
        "无法读取审计记录：{reason}",
        "The audit trail cannot be read: {reason}",
    ),
    "cli.db_restore_advice": (
        "请从最新的完好备份恢复（db restore 会先检查备份，损坏的备份不会被恢复）：\n"
        "  ruankao-desktop --db {db} db restore {backup}",
        "Restore the newest good backup (db restore checks it first and refuses a damaged one):\n"
        "  ruankao-desktop --db {db} db restore {backup}",
    ),
    "cli.db_backups": (
        "在数据库旁找到的备份（最新在前）：",
        "Backups found beside the database (newest first):",
    ),
    "cli.db_no_backup": (
        "在 {folder} 中没有找到备份（*.bak）。请找到最近的备份文件，用 db restore 路径 恢复；"
        "在此之前请勿继续写入。",
        "No backup (*.bak) was found in {folder}. Find the most recent backup file and restore it with "
        "db restore PATH; until then, write nothing more.",
    ),
    "option.positive_int": (
        "应为不小于 1 的整数，而不是“{value}”",
        "must be a whole number of at least 1, not “{value}”",
    ),
    "option.whole_number": ("应为整数，而不是“{value}”", "must be a whole number, not “{value}”"),
    "option.day": (
        "应为日期 YYYY-MM-DD（例如 2026-05-23），而不是“{value}”",
        "must be a date YYYY-MM-DD (e.g. 2026-05-23), not “{value}”",
    ),
    "option.empty": ("不能为空", "must not be empty"),
}
