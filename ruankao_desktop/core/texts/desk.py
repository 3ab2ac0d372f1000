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
    "history.handover.mail": ("邮寄：{tracking}", "Mailed: {tracking}"),
    "history.reissue": (
        "补办申请（{kind}）{tracking}：{status}",
        "Reissue application ({kind}) {tracking}: {status}",
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
        "证书 {cert_no} 已由 {operator}（{terminal}）于 {at} 登记领取，本次没有重复登记。"
        "已重新显示最新记录。",
        "Certificate {cert_no} was already handed over, recorded by {operator} ({terminal}) at {at}: "
        "nothing was recorded again. It is shown again as it is now.",
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
        "出示的证件号码与持证人登记的号码不一致，不能由本人领取。请核对证件；如为他人代领，请按代领办理。",
        "The ID number presented does not match the holder's: this is not a pickup in person. Check the "
        "card; if someone else is collecting, record a proxy pickup instead.",
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
}
