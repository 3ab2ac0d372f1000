"""Texts of printed documents (certificate copy, application form, receipt), signing keys and
verification."""

TEXTS: dict[str, tuple[str, str]] = {
    # Keys
    "keys.bad_file": (
        "{path} 不是有效的 Ed25519 密钥文件（PEM 格式）。请向对方考点重新索取公钥文件。",
        "{path} is not a valid Ed25519 key file (PEM). Ask the other centre for its public key file again.",
    ),
    "keys.target_exists": (
        "文件 {path} 已存在，为免覆盖已拒绝。请换一个文件名。",
        "The file {path} already exists and was not overwritten. Choose another file name.",
    ),
    "keys.exported": (
        "本考点公钥已导出到 {path}（密钥编号 {key_id}）。",
        "This centre's public key was exported to {path} (key id {key_id}).",
    ),
    "keys.imported": ("已信任密钥 {key_id}（{name}）。", "Key {key_id} ({name}) is now trusted."),
    "keys.own": ("本考点", "this centre"),
    "keys.renamed": ("密钥 {key_id} 已改名为 {name}。", "Key {key_id} is now named {name}."),
    "keys.removed": (
        "已不再信任密钥 {key_id}（{name}）：其签发的核验件在本机将无法核验。",
        "Key {key_id} ({name}) is no longer trusted: copies it signed can no longer be verified here.",
    ),
    "keys.reserved_name": (
        "名称“{name}”保留给本考点自己的密钥，不能用于导入的密钥。请用对方考点的名称，例如“海淀考点”。",
        "The name “{name}” is reserved for this centre's own key and cannot be given to an imported key. "
        "Use the other centre's name, e.g. “Haidian centre”.",
    ),
    "keys.bad_name": (
        "名称“{name}”不可用：请用字母、数字、汉字、“-”或“_”写出对方考点的名称。",
        "The name “{name}” cannot be used: write the other centre's name with letters, digits, “-” or “_”.",
    ),
    "keys.name_taken": (
        "名称“{name}”已被密钥 {key_id} 使用。请换一个名称。",
        "The name “{name}” is already used by key {key_id}. Choose another name.",
    ),
    "keys.own_key": (
        "{path} 是本考点自己的公钥，无需导入，已拒绝。",
        "{path} is this centre's own public key: it needs no import and was refused.",
    ),
    "keys.own_key_fixed": (
        "密钥 {key_id} 是本考点自己的密钥，不能改名或删除。",
        "Key {key_id} is this centre's own key: it cannot be renamed or removed.",
    ),
    "keys.already_trusted": (
        "密钥 {key_id} 已以“{name}”受信任，未重复导入。如需改名，请用 keys rename。",
        "Key {key_id} is already trusted as “{name}” and was not imported again. Use keys rename to rename "
        "it.",
    ),
    "keys.unknown": (
        "没有编号为 {key_id} 的受信任密钥。请用 keys list 查看密钥编号。",
        "No trusted key has the id {key_id}. See the ids with keys list.",
    ),
    "keys.listed": ("{key_id}  {name}  指纹 {fingerprint}", "{key_id}  {name}  fingerprint {fingerprint}"),
    # Printing
    "print.no_certificate": (
        "找不到证书编号 {cert_no}，无法打印。",
        "No certificate numbered {cert_no}: nothing was printed.",
    ),
    "print.written": (
        "已生成核验件 {path}（流水号 {serial}，核验码 {code}，有效期至 {expires}）。",
        "Verification copy written to {path} (serial {serial}, code {code}, valid until {expires}).",
    ),
    "print.target_exists": (
        "文件 {path} 已存在，为免覆盖已拒绝。请换一个文件名。",
        "The file {path} already exists and was not overwritten. Choose another file name.",
    ),
    "print.folder_missing": ("保存位置不存在：{folder}。", "The folder to save in does not exist: {folder}."),
    "print.no_session": ("找不到考试批次 {session}（例如 2026H1）。", "No session {session} (e.g. 2026H1)."),
    "print.nothing_selected": (
        "没有选中任何证书：请给出证书编号，或用 --session / --state 选择。",
        "No certificate selected: give certificate numbers, or choose with --session / --state.",
    ),
    "print.progress": ("正在生成核验件：{done}/{total}", "Rendering copies: {done}/{total}"),
    "print.batch_written": ("已生成 {count} 份核验件：{path}", "{count} copies written to {path}"),
    "print.write_failed": (
        "无法写入文件 {path}：{reason}。请检查磁盘空间和文件夹权限，或换一个位置保存。",
        "Cannot write the file {path}: {reason}. Check the free disk space and the folder's permissions, or "
        "save somewhere else.",
    ),
    "print.printer_not_found": (
        "找不到打印机 {printer}。请在打印对话框中选择打印机，或检查配置中的打印机名称。",
        "The printer {printer} was not found. Choose one in the print dialog, or check the printer name in "
        "the settings.",
    ),
    "print.printer_not_started": (
        "打印机 {printer} 无法开始打印。请检查打印机是否开机并已连接。",
        "The printer {printer} could not start the job. Check that it is switched on and connected.",
    ),
    "print.cancelled": ("已取消，未生成任何文件。", "Cancelled: no file was written."),
    "print.printer_failed": (
        "打印机 {printer} 未接受打印任务：{reason}。请检查打印机是否在线，或先另存为 PDF。",
        "The printer {printer} did not accept the job: {reason}. Check that it is online, or save a PDF "
        "instead.",
    ),
    "print.no_request": (
        "找不到这份补办申请，无法打印。",
        "This reissue application does not exist: nothing was printed.",
    ),
    "print.not_submitted": (
        "补办申请尚未提交，没有受理编号，不能打印回执。请先提交申请。",
        "The application has not been submitted and has no tracking number: submit it before printing a "
        "receipt.",
    ),
    # The certificate copy
    "copy.title": (
        "计算机技术与软件专业技术资格（水平）证书核验件",
        "Verification copy of a computer technology and software professional qualification certificate",
    ),
    "copy.subtitle": (
        "本件为核验用复印件，不是证书原件",
        "This is a copy for verification, not the certificate",
    ),
    "copy.watermark": ("核验件 · 非证书原件", "VERIFICATION COPY · NOT THE CERTIFICATE"),
    "copy.holder": ("持证人", "Holder"),
    "copy.id": ("证件号码", "ID number"),
    "copy.qualification": ("资格名称", "Qualification"),
    "copy.level": ("级别", "Level"),
    "copy.cert_no": ("证书编号", "Certificate no."),
    "copy.management_no": ("管理号", "Management no."),
    "copy.approved_on": ("批准日期", "Approved on"),
    "copy.issuer": ("颁发机构", "Issuer"),
    "copy.session": ("考试批次", "Session"),
    "copy.state": ("打印时状态", "State when printed"),
    "copy.code": ("核验码", "Verification code"),
    "copy.code_valid": ("核验码有效期至 {expires}", "The code is valid until {expires}"),
    "copy.scan": (
        "扫描二维码或输入核验码核验本件真伪。二维码内容经本考点数字签名，可离线核验。",
        "Scan the QR code or enter the verification code to check this copy. The QR content is digitally "
        "signed by this centre and can be checked offline.",
    ),
    "copy.current_state": (
        "证书的当前状态以发证考点数据库的现行记录为准；本件只反映打印时的状态。",
        "The certificate's current state is what the issuing centre's records say now; this copy shows the "
        "state when it was printed.",
    ),
    "copy.footer": (
        "流水号 {serial} · 打印时间 {time} · 终端 {terminal} · 操作员 {operator}",
        "Serial {serial} · printed {time} · terminal {terminal} · operator {operator}",
    ),
    # Application form and receipt
    "form.title": (
        "计算机技术与软件专业技术资格（水平）证书补办申请表",
        "Application for a reissued computer technology and software qualification certificate",
    ),
    "form.tracking": ("受理编号：{tracking}", "Tracking number: {tracking}"),
    "form.kind": ("申请类型", "Kind"),
    "form.applicant": ("申请人", "Applicant"),
    "form.phone": ("联系电话", "Phone"),
    "form.email": ("电子邮箱", "E-mail"),
    "form.address": ("通讯地址", "Address"),
    "form.reason": ("申请原因", "Reason"),
    "form.documents": ("提交材料", "Documents handed in"),
    "form.photo": ("照片", "Photo"),
    "form.declaration": (
        "本人承诺以上信息及所交材料真实有效，如有不实，愿承担相应责任。",
        "I declare that the information and documents above are true; I am responsible for any untruth.",
    ),
    "form.signature": ("申请人签名：", "Applicant's signature:"),
    "form.date": ("日期：", "Date:"),
    "form.accepted_by": ("受理人签名：", "Accepted by:"),
    "form.centre_stamp": ("考点（盖章）", "Centre (stamp)"),
    "form.not_submitted": ("（尚未提交，无受理编号）", "(not submitted: no tracking number)"),
    "receipt.title": ("补办申请受理回执", "Receipt for a reissue application"),
    "receipt.body": (
        "您的证书补办申请已受理。补办通常需要数月，新证书到达后考点将另行通知，请凭本回执和身份证原件领取。"
        "可凭受理编号向考点查询办理进度。",
        "Your application has been accepted. A reissue usually takes months; the centre will tell you when "
        "the new certificate arrives. Collect it with this receipt and your original ID card. Quote the "
        "tracking number when you ask about progress.",
    ),
    "receipt.submitted_at": ("受理时间", "Accepted on"),
    # Verification
    "verify.valid": (
        "真实有效：二维码由{issuer}签名，签名核对无误。",
        "Genuine: the QR code is signed by {issuer} and the signature checks out.",
    ),
    "verify.valid_code": (
        "核验码有效：{issuer}的记录中有这份核验件。",
        "The verification code is valid: {issuer} recorded this copy.",
    ),
    "verify.trusted_issuer": (
        "受信任考点「{name}」（密钥 {key_id}）",
        "the trusted centre “{name}” (key {key_id})",
    ),
    "verify.altered": (
        "被改动：页面上的二维码与 PDF 文件属性中的核验信息不一致，本件不能作为证明。",
        "Altered: the QR code on the page and the verification data in the PDF's properties differ; this "
        "copy proves nothing.",
    ),
    "verify.no_qr": (
        "不能作为证明：页面上没有可读的核验二维码；文件属性中的核验信息单独不能证明任何内容。",
        "Proves nothing: the page carries no readable verification QR code, and the verification data in the "
        "file's properties proves nothing on its own.",
    ),
    "verify.revoked": (
        "已撤销：这张证书已被撤销（原因：{reason}），本件不能作为持证证明。",
        "Revoked: this certificate was revoked (reason: {reason}); the copy does not prove a valid "
        "certificate.",
    ),
    "verify.superseded": (
        "已补发：这张证书已被新证书 {successor} 取代，请核验新证书。",
        "Superseded: this certificate was replaced by {successor}; verify the new certificate instead.",
    ),
    "verify.certificate_expired": (
        "已过期：这张证书的有效期到 {until} 为止，持证人须办理更新。",
        "Expired: this certificate was valid until {until}; the holder must renew it.",
    ),
    "verify.check.metadata_agrees": (
        "已读取页面上的二维码；PDF 文件属性中的核验信息与之一致。",
        "The QR code on the page was read; the verification data in the PDF's properties agrees with it.",
    ),
    "verify.check.metadata_absent": (
        "已读取页面上的二维码；PDF 文件属性中没有核验信息（不影响核验）。",
        "The QR code on the page was read; the PDF's properties carry no verification data (that does not "
        "matter).",
    ),
    "verify.check.metadata_differs": (
        "页面上的二维码与 PDF 文件属性中的核验信息不一致。",
        "The QR code on the page and the verification data in the PDF's properties differ.",
    ),
    "verify.check.same_file": (
        "这正是本考点于 {when} 打印的文件（流水号 {serial}），与记录逐字节一致。",
        "This is exactly the file printed here on {when} (serial {serial}), byte for byte.",
    ),
    "verify.check.other_file": (
        "这不是本考点于 {when} 打印的那个文件（流水号 {serial}）：文件内容与记录不同。",
        "This is not the file printed here on {when} (serial {serial}): its content differs from the record.",
    ),
    "verify.check.not_recorded": (
        "本机数据库没有这份文件的打印记录，无法逐字节核对文件。",
        "This desk's database has no print record of this file, so the file could not be checked byte for "
        "byte.",
    ),
    "verify.check.signed_content": (
        "签名保护的内容：姓名 {name}，证件号码 {id_masked}，资格 {qualification}，证书编号 {cert_no}。"
        "页面上的其他内容不受签名保护，请与纸面逐项核对。",
        "The signature protects: name {name}, ID number {id_masked}, qualification {qualification}, "
        "certificate no. {cert_no}. Nothing else on the page is protected: compare these with the paper.",
    ),
    "verify.tampered": (
        "内容被改动：本件的二维码内容与签发时不一致，不能作为证明。",
        "Tampered: the QR content differs from what was issued; this copy proves nothing.",
    ),
    "verify.forged": (
        "伪造：签名不是由其所称的考点密钥生成的，本件不能作为证明。",
        "Forged: the signature was not made with the key of the centre it names; this copy proves nothing.",
    ),
    "verify.unknown_issuer": (
        "无法核验：签发考点（密钥 {key_id}）不在本机信任列表中。请向该考点索取公钥，由管理员导入后再核验。",
        "Cannot verify: the issuing centre (key {key_id}) is not trusted on this desk. Ask that centre for "
        "its public key and have the administrator import it.",
    ),
    "verify.expired": (
        "已过期：本件核验码的有效期到 {expires} 为止，内容虽为真实签发，但已不能用于核验。"
        "请持证人重新打印核验件。",
        "Expired: the copy's code was valid until {expires}. It was genuinely issued but can no longer be "
        "used; ask the holder to print a new copy.",
    ),
    "verify.revoked_code": (
        "核验码已作废（{when}），请持证人重新打印核验件。",
        "The verification code was revoked ({when}); ask the holder to print a new copy.",
    ),
    "verify.unknown_code": (
        "核验码 {code} 不存在于本考点的记录中。请核对输入，或扫描二维码在离线状态下核验。",
        "The verification code {code} is not in this centre's records. Check it, or scan the QR code to "
        "verify offline.",
    ),
    "verify.not_payload": (
        "无法识别：这不是核验件的二维码内容或核验码。",
        "Not recognised: this is neither a copy's QR content nor a verification code.",
    ),
    "verify.unreadable_pdf": (
        "无法读取 PDF 文件 {path}：文件不存在、已损坏或不是 PDF。",
        "Cannot read the PDF {path}: it is missing, damaged or not a PDF.",
    ),
    "verify.several_pages": (
        "PDF 文件 {path} 有 {pages} 页：一次只能核验一份核验件。请分别核验每一页的二维码。",
        "The PDF {path} has {pages} pages: one copy can be verified at a time. Scan each page's QR code "
        "instead.",
    ),
    "verify.no_payload_in_pdf": (
        "PDF 文件 {path} 中没有找到核验信息（它不是本系统生成的核验件）。",
        "No verification data was found in the PDF {path} (it is not a copy made by this system).",
    ),
    "verify.current_state": ("该证书的当前状态：{state}", "The certificate's current state: {state}"),
    "verify.current_successor": ("，已补发新证书 {successor}", ", replaced by {successor}"),
    "verify.not_in_database": (
        "本机数据库中没有这张证书，无法告知其当前状态，请向发证考点查询。",
        "This desk's database does not hold the certificate, so its current state is unknown here: ask "
        "the issuing centre.",
    ),
    # Handover slip
    "slip.title": ("证书领取单", "Certificate handover slip"),
    "slip.subtitle": ("证书编号 {cert_no}", "Certificate {cert_no}"),
    "slip.holder": ("持证人", "Holder"),
    "slip.holder_id": ("证件号码", "ID number"),
    "slip.session": ("考试批次", "Exam session"),
    "slip.method": ("领取方式", "Handed over"),
    "slip.handed_at": ("登记时间", "Recorded at"),
    "slip.receiver": ("领取人", "Received by"),
    "slip.in_person": ("{name}（本人，已核验身份证原件）", "{name} (in person, original ID card checked)"),
    "slip.proxy": ("代领人", "Proxy"),
    "slip.proxy_id": ("代领人证件号码", "Proxy's ID number"),
    "slip.unit": ("单位名称", "Employer"),
    "slip.contact": ("经办人", "Collected by"),
    "slip.documents": ("留存材料", "Documents kept"),
    "slip.docs.proxy": (
        "持证人签字的委托书（扫描件已存档）；持证人身份证复印件已查验",
        "The authorisation signed by the holder (scan kept); the holder's ID copy checked",
    ),
    "slip.docs.unit": ("单位证明（扫描件已存档）", "The employer's letter (scan kept)"),
    "slip.address": ("邮寄地址", "Address"),
    "slip.phone": ("收件电话", "Phone"),
    "slip.courier": ("快递公司及单号", "Courier and tracking number"),
    "slip.declaration": (
        "本人已收到上述证书，当面核对证书内容无误。",
        "I have received the certificate above and checked it in front of the clerk.",
    ),
    "slip.mail_declaration": (
        "上述证书已按登记的地址交快递寄出。",
        "The certificate above was handed to the courier for the address recorded.",
    ),
    "slip.received_by": ("领取人签名：", "Received by (signature):"),
    "slip.sent_by": ("寄出经办人签名：", "Sent by (signature):"),
    "slip.handed_by": ("经办人：{operator}", "Clerk: {operator}"),
    "print.no_handover": (
        "这张证书还没有登记领取，没有领取单可打印。",
        "This certificate has not been handed over: there is no handover slip to print.",
    ),
}
