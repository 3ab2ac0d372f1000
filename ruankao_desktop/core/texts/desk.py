"""Texts of the front desk: no-match guidance, certificate details and history, handover, revealing IDs."""

TEXTS: dict[str, tuple[str, str]] = {
    # Why a search may find nothing (the brief's "信息不匹配")
    "guide.input": ("输入有误：{problem}", "The input is wrong: {problem}"),
    "guide.database": (
        "数据库暂时无法查询：{problem}",
        "The database cannot be searched right now: {problem}",
    ),
    "guide.pending_session": (
        "{session}的证书尚未到达本考点（预计 {expected}），该批次的证书目前查不到是正常的。",
        "Certificates of {session} have not reached the centre yet (expected {expected}); they cannot be "
        "found until then.",
    ),
    "guide.similar_names": (
        "同音的姓名有：{names}。请核对姓名用字。",
        "Names that sound the same: {names}. Please check the characters of the name.",
    ),
    "guide.former_identity": (
        "如果持证人更改过姓名或身份证号码，请用另一项（证书编号、管理号或原姓名）再查一次。",
        "If the holder changed their name or ID number, search by another field (certificate number, "
        "management number or former name).",
    ),
    "guide.contact": (
        "仍然查不到时，请联系考试机构核实发证情况。",
        "If it still cannot be found, contact the exam office to check whether it was issued.",
    ),
    # History timeline
    "history.arrival": ("证书到达本考点", "Certificate arrived at the centre"),
    "history.handover.self": ("本人领取", "Collected in person"),
    "history.handover.proxy": ("他人代领：{name}（证件 {id}）", "Collected by proxy: {name} (ID {id})"),
    "history.handover.unit": (
        "单位代领：{unit}（经办人 {name}）",
        "Collected for the employer {unit} by {name}",
    ),
    "history.handover.mail": ("邮寄：{courier} {tracking}", "Mailed: {courier} {tracking}"),
    "history.handover.undone": (
        "撤销领取登记（{method}，原登记于 {at}）：{reason}",
        "Handover undone ({method}, recorded at {at}): {reason}",
    ),
    "history.reissue": (
        "补办申请（{kind}）{tracking}：{status}",
        "Reissue application ({kind}) {tracking}: {status}",
    ),
    "history.reissue.approve": (
        "补办申请 {tracking_no} 审核通过",
        "Reissue application {tracking_no} approved",
    ),
    "history.reissue.return": (
        "补办申请 {tracking_no} 已退回：{reason}",
        "Reissue application {tracking_no} returned: {reason}",
    ),
    "history.reissue.report": (
        "补办申请 {tracking_no} 已上报（批次 {batch_no}）",
        "Reissue application {tracking_no} sent upstream (batch {batch_no})",
    ),
    "history.reissue.new_certificate": (
        "补办申请 {tracking_no}：新证书 {new_cert_no} 已到达",
        "Reissue application {tracking_no}: the new certificate {new_cert_no} arrived",
    ),
    "history.replaced_by": ("已补发新证书 {cert_no}", "Replaced by the reissued certificate {cert_no}"),
    "history.replaces": ("补发证书，取代原证书 {cert_no}", "Reissued certificate replacing {cert_no}"),
    "history.revoked": ("证书被撤销：{reason}", "Certificate revoked: {reason}"),
    "history.print": ("打印核验件 {serial}", "Verification copy printed {serial}"),
    "history.output.file": ("保存为文件 {where}（流水号 {serial}）", "Saved as {where} (serial {serial})"),
    "history.output.printer": (
        "送打印机 {where}（流水号 {serial}）",
        "Sent to printer {where} (serial {serial})",
    ),
    "history.correction": ("更正信息：{fields}", "Details corrected: {fields}"),
    "history.reveal": ("查看完整证件号码（原因：{reason}）", "Full ID number viewed (reason: {reason})"),
    "history.reveal.collector": (
        "查看代领人完整证件号码（原因：{reason}）",
        "The proxy's full ID number viewed (reason: {reason})",
    ),
    # Handover
    "handover.already_recorded": (
        "证书 {cert_no} 已于 {at} {method}（{receiver}），由 {operator}（{terminal}）登记，本次没有重复登记。"
        "已重新显示最新记录。",
        "Certificate {cert_no} was already handed over at {at}: {method} ({receiver}), recorded by "
        "{operator} ({terminal}). Nothing was recorded again; it is shown again as it is now.",
    ),
    "handover.method.self": ("本人领取", "collected in person"),
    "handover.method.proxy": ("他人代领", "collected by a proxy"),
    "handover.method.unit": ("单位代领", "collected for the employer"),
    "handover.method.mail": ("邮寄", "mailed"),
    "received.self": ("本人领取", "Collected in person"),
    "received.proxy": ("代领：{name} · 证件 {id}", "Proxy: {name} · ID {id}"),
    "received.unit": ("单位代领：{unit} · 经办人 {name}", "Employer: {unit} · collected by {name}"),
    "received.mail": ("邮寄：{courier} {tracking}", "Mailed: {courier} {tracking}"),
    "handover.field_problem": ("{label}：{problem}", "{label}: {problem}"),
    "handover.field.presented_id": ("出示的证件号码", "The ID number presented"),
    "handover.field.proxy_name": ("代领人姓名", "The proxy's name"),
    "handover.field.proxy_id": ("代领人证件号码", "The proxy's ID number"),
    "handover.field.contact": ("单位经办人姓名", "The name of who comes for the employer"),
    "handover.id_needed_here": (
        "请扫描或输入持证人出示的身份证号码。",
        "Scan or type the number on the ID card the holder shows.",
    ),
    "handover.proxies_forbidden": (
        "本考点不允许他人代领或单位代领（设置 [handover] proxies = false），本次未登记。"
        "请由持证人本人领取，或改为邮寄。",
        "This centre does not allow collection by a proxy or an employer (setting [handover] proxies = "
        "false): nothing was recorded. The holder must come in person, or have it mailed.",
    ),
    "handover.proxy_id_needed": (
        "请输入代领人的身份证号码（核验代领人身份证原件）。",
        "Enter the proxy's ID number (check the proxy's original ID card).",
    ),
    "handover.proxy_is_holder": (
        "代领人证件号码就是持证人本人的号码：本人领取请选择“本人领取”。",
        "The proxy's ID number is the holder's own: for a pickup in person choose “In person”.",
    ),
    "handover.authorisation_needed": (
        "他人代领需要持证人签字的委托书：请扫描后附上（PDF、JPG 或 PNG）。",
        "A proxy needs the authorisation (“委托书”) the holder signed: scan it and attach it (PDF, JPG or "
        "PNG).",
    ),
    "handover.id_copy_needed": (
        "他人代领需要查验持证人的身份证复印件：查验后请勾选“已查验持证人身份证复印件”。",
        "A proxy needs the holder's ID copy: check it, then tick “Holder's ID copy checked”.",
    ),
    "handover.unit_needed": ("请输入单位名称。", "Enter the employer's name."),
    "handover.too_long": (
        "内容过长：最多 {limit} 个字，请简写。",
        "Too long: at most {limit} characters. Shorten it.",
    ),
    "handover.letter_needed": (
        "单位代领需要单位出具的介绍信或证明：请扫描后附上（PDF、JPG 或 PNG）。",
        "Collection for an employer needs the employer's letter: scan it and attach it (PDF, JPG or PNG).",
    ),
    "handover.address_needed": (
        "请输入完整的邮寄地址（至少 {minimum} 个字：省市、街道门牌）。",
        "Enter the whole mailing address (at least {minimum} characters: city, street and number).",
    ),
    "handover.phone_invalid": (
        "收件电话无效：请输入 11 位手机号码或带区号的固定电话。",
        "The recipient's phone number is not valid: enter an 11-digit mobile number or a landline with its "
        "area code.",
    ),
    "handover.courier_needed": (
        "请输入快递公司（如 中国邮政EMS、顺丰速运）。",
        "Enter the courier (such as EMS or SF Express).",
    ),
    "handover.tracking_invalid": (
        "快递单号无效：应为 8–30 位字母或数字。请核对快递面单。",
        "The tracking number is not valid: 8 to 30 letters or digits. Check the waybill.",
    ),
    "handover.attachment_empty": (
        "文件 {file} 是空的：请重新扫描后附上。",
        "The file {file} is empty: scan it again and attach it.",
    ),
    "handover.attachment_too_big": (
        "文件 {file} 有 {size_mb} MB，超过 {limit_mb} MB 的上限：请降低扫描分辨率或改为 JPG 后再附上。",
        "The file {file} is {size_mb} MB, over the limit of {limit_mb} MB: scan at a lower resolution or as "
        "a JPG, then attach it.",
    ),
    "handover.attachment_type": (
        "文件 {file} 不是完整的 PDF、JPG 或 PNG 文件：请附上扫描件或照片。",
        "The file {file} is not a whole PDF, JPG or PNG file: attach a scan or a photo.",
    ),
    "handover.attachment_unreadable": (
        "无法读取文件 {file}：{reason}。请检查文件是否存在。",
        "Cannot read the file {file}: {reason}. Check that it exists.",
    ),
    "handover.undo_reason_needed": (
        "撤销领取登记需要填写原因（至少 {minimum} 个字）。",
        "Undoing a handover needs a reason (at least {minimum} characters).",
    ),
    "handover.nothing_to_undo": (
        "证书 {cert_no} 没有可撤销的领取登记。",
        "Certificate {cert_no} has no handover to undo.",
    ),
    "handover.not_available": (
        "该证书当前状态为“{state}”，不能登记领取。",
        "The certificate is “{state}”: a handover cannot be recorded.",
    ),
    "handover.id_needed": (
        "本人领取需要出示的证件号码：请加上 --id 证件号码（可扫描或手工输入）。",
        "A pickup in person needs the number on the card shown: add --id NUMBER (scanned or typed).",
    ),
    "handover.no_certificate": (
        "没有证书编号为 {cert_no} 的证书，未登记领取。请核对证书编号。",
        "No certificate numbered {cert_no}: nothing was recorded. Check the number.",
    ),
    "handover.id_mismatch": (
        "出示的证件号码与持证人登记的号码不一致，不能由本人领取。请核对证件；如为他人代领，请选择“他人代领”。",
        "The ID number presented does not match the holder's: this is not a pickup in person. Check the "
        "card; if someone else is collecting, choose “By proxy”.",
    ),
    "arrival.no_session": (
        "找不到考试批次“{session}”。请输入批次代码（如 2026H1）或名称（如 2026年上半年）。",
        "There is no exam session “{session}”: give its code (such as 2026H1) or its name (such as "
        "“2026年上半年”).",
    ),
    "arrival.future": (
        "到达日期 {day} 晚于今天，请核对日期。",
        "The arrival date {day} is after today: check the date.",
    ),
    "arrival.before_exam": (
        "到达日期 {day} 早于该批次的考试日期 {exam_date}，请核对日期。",
        "The arrival date {day} is before the session's exam on {exam_date}: check the date.",
    ),
    "arrival.empty_list": (
        "到达清单中没有证书编号。请检查文件：“证书编号”一列，或每行一个证书编号。本次未做任何登记。",
        "The arrival list holds no certificate number. Check the file: a “证书编号” column, or one number "
        "a line. Nothing was recorded.",
    ),
    "arrival.unknown_numbers": (
        "到达清单中有 {count} 个证书编号在本系统中不存在，例如：{numbers}。本次未做任何登记。"
        "请核对清单，或先导入该批次的合格人员名单。",
        "{count} certificate numbers of the arrival list are not in this database, such as {numbers}. "
        "Nothing was recorded. Check the list, or import the session's list of certificates first.",
    ),
    "arrival.other_session": (
        "到达清单中有 {count} 张证书不属于{session}，例如：{numbers}。本次未做任何登记。请核对批次或清单。",
        "{count} certificates of the arrival list are not of {session}, such as {numbers}. Nothing was "
        "recorded. Check the session or the list.",
    ),
    "arrival.deadline_reason": (
        "修改领取截止日期需要填写原因。",
        "Changing the pickup deadline needs a reason.",
    ),
    "reason.too_long": (
        "原因最多 {limit} 个字，请简写。",
        "The reason may have at most {limit} characters: shorten it.",
    ),
    "arrival.deadline_before_exam": (
        "领取截止日期 {deadline} 早于考试日期 {exam_date}，请核对日期。",
        "The pickup deadline {deadline} is before the exam on {exam_date}: check the date.",
    ),
    "announcement.empty": ("通知内容不能为空。", "The announcement has no text."),
    "announcement.too_long": (
        "通知最多 {limit} 个字（现在 {length} 个），请简写。",
        "An announcement may have at most {limit} characters (this one has {length}): shorten it.",
    ),
    "announcement.ends_before_start": (
        "结束日期 {ends} 早于开始日期 {starts}，请核对日期。",
        "It ends on {ends}, before it starts on {starts}: check the dates.",
    ),
    "announcement.ended": (
        "结束日期 {ends} 已经过去，这条通知不会显示。请核对日期。",
        "It would end on {ends}, which has passed: it would never be shown. Check the dates.",
    ),
    "announcement.too_long_span": (
        "一条通知最多显示 {limit} 天，请缩短时间或到期后另发一条。",
        "An announcement is shown for at most {limit} days: shorten it, or post a new one later.",
    ),
    "announcement.missing": ("没有编号为 {id} 的通知。", "There is no announcement {id}."),
    "announcement.withdrawn_already": ("通知 {id} 已经撤下。", "Announcement {id} was withdrawn already."),
    "validity.within": (
        "天数应在 1 到 {limit} 之间，而不是 {days}。",
        "The number of days must be from 1 to {limit}, not {days}.",
    ),
    "revoke.reason_needed": (
        "撤销证书需要填写原因（至少 {minimum} 个字），例如考试机构的通知文号。",
        "Revoking a certificate needs a reason (at least {minimum} characters), such as the exam office's "
        "notice number.",
    ),
    "revoke.no_certificate": (
        "没有证书编号为 {cert_no} 的证书，未做撤销。请核对证书编号。",
        "No certificate numbered {cert_no}: nothing was revoked. Check the number.",
    ),
    "revoke.already": (
        "证书 {cert_no} 已于 {when} 撤销（原因：{reason}），本次未做改动。",
        "Certificate {cert_no} was revoked on {when} ({reason}): nothing was changed.",
    ),
    "certificate.stale": (
        "证书 {cert_no} 的这条记录刚被另一个窗口修改，本次操作未执行，已重新显示最新记录。请核对后再操作。",
        "Certificate {cert_no} was changed at another desk a moment ago, so nothing was done; showing it "
        "again as it is now. Check it and try again.",
    ),
    "certificate.missing": (
        "找不到这张证书（可能已被删除），请重新查询。",
        "This certificate no longer exists (it may have been removed): search again.",
    ),
    "ui.unexpected": (
        "发生了意外错误，操作未完成。详细信息已记录在日志文件 {log} 中，请把它发给技术支持。",
        "An unexpected error stopped the operation. The details are in the log file {log}: please send it to "
        "support.",
    ),
    # Revealing a full ID number
    "reveal.reason_required": (
        "请填写查看完整证件号码的原因（至少 2 个字）。",
        "Enter the reason for viewing the full ID number (at least 2 characters).",
    ),
    "reveal.no_collector": (
        "这张证书没有他人代领的记录，没有代领人的证件号码可查看。",
        "Nobody collected this certificate by proxy: there is no proxy ID number to view.",
    ),
    # Enquiries
    "enquiry.channel.phone": ("电话", "phone"),
    "enquiry.channel.email": ("电子邮件", "e-mail"),
    "enquiry.channel.walk_in": ("现场", "walk-in"),
    "enquiry.state.open": ("待答复", "open"),
    "enquiry.state.answered": ("已答复", "answered"),
    "enquiry.state.closed": ("已办结", "closed"),
    "enquiry.who_invalid": ("咨询人姓名：{problem}", "The name of who asked: {problem}"),
    "enquiry.contact_invalid": (
        "联系方式无效：请输入手机号码、带区号的固定电话或电子邮箱。",
        "The contact is not valid: enter a mobile number, a landline with its area code, or an e-mail "
        "address.",
    ),
    "enquiry.question_needed": ("请填写咨询的问题。", "Enter the question asked."),
    "enquiry.question_too_long": (
        "问题最多 {limit} 个字，请简写。",
        "The question may have at most {limit} characters: shorten it.",
    ),
    "enquiry.answer_needed": ("请填写答复内容。", "Enter the answer given."),
    "enquiry.answer_too_long": (
        "答复最多 {limit} 个字，请简写。",
        "The answer may have at most {limit} characters: shorten it.",
    ),
    "enquiry.due_in_past": (
        "跟进日期 {day} 已过，请选择今天或以后的日期。",
        "The follow-up day {day} has passed: choose today or a later day.",
    ),
    "enquiry.no_certificate": (
        "没有证书编号为 {cert_no} 的证书。请核对证书编号，或不关联证书。",
        "No certificate is numbered {cert_no}: check the number, or leave it out.",
    ),
    "enquiry.missing": ("没有编号为 {id} 的咨询记录。", "There is no enquiry number {id}."),
    "enquiry.closed": (
        "咨询 {id} 已办结，不能再修改。如有新问题，请另行登记。",
        "Enquiry {id} is closed and cannot change: log a new one for a new question.",
    ),
}
