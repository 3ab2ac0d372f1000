"""Texts of reissue applications (补发 / 换发 / 更新 / 未收到) and of the applicant's photo."""

TEXTS: dict[str, tuple[str, str]] = {
    # Kinds, statuses and the documents checklist
    "reissue.kind.lost": ("补发（遗失或损坏）", "Reissue (lost or damaged)"),
    "reissue.kind.change": ("换发（信息变更）", "Replacement (changed details)"),
    "reissue.kind.renewal": ("更新（证书到期）", "Renewal (certificate expired)"),
    "reissue.kind.not_received": ("未收到证书", "Certificate not received"),
    "reissue.status.draft": ("草稿", "draft"),
    "reissue.status.submitted": ("已提交", "submitted"),
    "reissue.status.approved": ("已审核", "approved"),
    "reissue.status.returned": ("已退回", "returned"),
    "reissue.status.reported": ("已上报", "sent upstream"),
    "reissue.status.new_arrived": ("新证已到", "new certificate arrived"),
    "reissue.status.collected": ("已领取", "collected"),
    "reissue.step_refused": (
        "受理编号 {tracking_no} 的申请当前为“{current}”，不能改为“{target}”。",
        "Application {tracking_no} is “{current}”: it cannot become “{target}”.",
    ),
    "reissue.no_such_application": (
        "没有受理编号为 {tracking_no} 的补办申请。请核对受理编号（如 BF202612010001）。",
        "There is no reissue application {tracking_no}: check the tracking number (such as BF202612010001).",
    ),
    "reissue.changed_meanwhile": (
        "受理编号 {tracking_no} 的申请刚被另一个窗口处理，本次操作未执行。请刷新后再看。",
        "Application {tracking_no} was just processed at another desk: nothing was done. Refresh and look "
        "again.",
    ),
    "reissue.return_reason_needed": (
        "退回申请需要填写原因（至少 {minimum} 个字），申请人会看到这个原因，例如“照片不是白底”。",
        "Returning an application needs a reason (at least {minimum} characters), which the applicant is "
        "told, such as “the photo's background is not white”.",
    ),
    "reissue.nothing_to_report": (
        "没有已审核待上报的补办申请，本次没有生成上报批次。",
        "No approved application is waiting to be sent upstream: no batch was made.",
    ),
    "reissue.new_number_invalid": (
        "新证书编号无效：应为 1–{limit} 位字母、数字、“-”或“/”。请核对新证书上的编号。",
        "The new certificate number is not valid: 1 to {limit} letters, digits, “-” or “/”. Check the "
        "number on the new certificate.",
    ),
    "reissue.new_number_taken": (
        "证书编号 {cert_no} 已属于另一张证书，未登记。请核对新证书上的编号。",
        "The certificate number {cert_no} belongs to another certificate: nothing was recorded. Check the "
        "number on the new certificate.",
    ),
    "reissue.arrived_future": (
        "新证到达日期 {day} 晚于今天，未登记。请核对日期。",
        "The new certificate's arrival date {day} is after today: nothing was recorded. Check the date.",
    ),
    "reissue.arrived_before_report": (
        "新证到达日期 {day} 早于该申请上报的日期 {reported}，未登记。请核对日期。",
        "The new certificate's arrival date {day} is before the application was sent upstream on "
        "{reported}: nothing was recorded. Check the date.",
    ),
    "reissue.list_headers": (
        "新证清单的表头应有“受理编号”（或“原证书编号”）和“新证书编号”两列，未找到。本次未登记任何新证。",
        "The list of new certificates needs a header row naming “受理编号” (or “原证书编号”) and "
        "“新证书编号”: none was found. Nothing was recorded.",
    ),
    "reissue.list_empty": (
        "新证清单中没有数据行。本次未登记任何新证。",
        "The list of new certificates has no rows. Nothing was recorded.",
    ),
    "reissue.list_refused": (
        "新证清单共 {rows} 行，其中 {count} 行不能登记，本次未登记任何新证。请改正后重新导入：\n{problems}",
        "{count} of the {rows} rows of the list of new certificates cannot be recorded, so nothing was "
        "recorded. Correct them and import the list again:\n{problems}",
    ),
    "reissue.list_row": ("第 {line} 行：{problem}", "Line {line}: {problem}"),
    "reissue.list_more": ("……另有 {count} 行", "… and {count} rows more"),
    "reissue.list_number_twice": (
        "新证书编号 {cert_no} 在清单中出现两次（另见第 {line} 行）。",
        "The new number {cert_no} is in the list twice (see also line {line}).",
    ),
    "reissue.list_application_twice": (
        "受理编号 {tracking_no} 在清单中出现两次（另见第 {line} 行）。",
        "Application {tracking_no} is in the list twice (see also line {line}).",
    ),
    "reissue.list_no_certificate": (
        "没有证书编号为 {cert_no} 的原证书。",
        "There is no certificate {cert_no}.",
    ),
    "reissue.list_not_reported": (
        "原证书 {cert_no} 没有已上报、等待新证的补办申请。",
        "Certificate {cert_no} has no application sent upstream and waiting for its new certificate.",
    ),
    "reissue.photos_file": ("照片", "photos"),
    "reissue.batch.no": ("上报批次", "Batch"),
    "reissue.batch.sheet": ("补办上报", "Reissues sent upstream"),
    "reissue.document.application_form": ("个人申请表", "personal application form"),
    "reissue.document.id_copy": ("身份证复印件", "copy of the ID card"),
    "reissue.document.photo": (
        "近期免冠白底彩色照片",
        "recent bareheaded colour photo on a white background",
    ),
    "reissue.document.loss_notice": ("遗失声明（登报声明）", "loss notice (published in a newspaper)"),
    "reissue.document.damaged_original": ("损坏的原证书", "the damaged certificate"),
    "reissue.document.change_proof": (
        "信息变更证明（如户籍变更证明）",
        "proof of the change (e.g. the household registration record)",
    ),
    "reissue.document.original_certificate": ("原证书", "the original certificate"),
    "reissue.document.exam_result_proof": ("考试成绩证明", "proof of the exam result"),
    "reissue.document.either": ("{document}或{substitute}", "{document} or {substitute}"),
    # Problems with the form, one field each
    "reissue.kind_missing": (
        "请选择申请类型：补发、换发、更新或未收到。",
        "Choose the kind of application: reissue, replacement, renewal or not received.",
    ),
    "reissue.phone_missing": (
        "请填写联系电话，以便通知申请人领取新证书。",
        "Enter a contact phone number, so that the applicant can be told when to collect the new "
        "certificate.",
    ),
    "reissue.phone_invalid": (
        "联系电话“{value}”无法识别：请填写 11 位手机号码（如 13800138000），"
        "或带区号的固定电话（如 010-12345678）。",
        "The phone number “{value}” is not recognised: enter an 11-digit mobile number (such as "
        "13800138000) or a landline number with its area code (such as 010-12345678).",
    ),
    "reissue.email_invalid": (
        "电子邮箱“{value}”格式不对，应形如 name@example.com。请核对，或留空不填。",
        "The e-mail address “{value}” is malformed: it should look like name@example.com. Check it, or "
        "leave the field empty.",
    ),
    "reissue.address_missing": (
        "申请“未收到证书”须填写通讯地址：请填写能收到证书的详细地址。",
        "An application for a certificate not received needs a postal address: enter the full address "
        "where the certificate can reach the applicant.",
    ),
    "reissue.address_too_long": (
        "通讯地址过长：共 {length} 个字，最多 {max} 个字。请精简。",
        "The postal address is too long: {length} characters, at most {max} are allowed. Please shorten it.",
    ),
    "reissue.reason_missing": (
        "请填写申请原因（至少 {min} 个字），例如证书遗失或损坏的经过、变更了哪项信息。",
        "Enter the reason for the application (at least {min} characters), for example how the certificate "
        "was lost or damaged, or which details changed.",
    ),
    "reissue.reason_too_short": (
        "申请原因太短：只有 {length} 个字，至少需要 {min} 个字。请写明具体情况。",
        "The reason is too short: {length} characters, at least {min} are needed. Please describe what "
        "happened.",
    ),
    "reissue.reason_too_long": (
        "申请原因过长：共 {length} 个字，最多 {max} 个字。请精简。",
        "The reason is too long: {length} characters, at most {max} are allowed. Please shorten it.",
    ),
    "reissue.documents_missing": (
        "还缺少以下材料：{missing}。请收齐材料并在清单中勾选后再提交。",
        "These documents are still missing: {missing}. Collect them and tick them in the checklist before "
        "submitting.",
    ),
    "reissue.photo_missing": (
        "请添加申请人的近期免冠白底彩色照片（JPG 格式，至少 {min_width}×{min_height} 像素）。",
        "Add a recent bareheaded colour photo of the applicant on a white background (JPG, at least "
        "{min_width}×{min_height} px).",
    ),
    "reissue.invalid": (
        "申请表有以下问题，请改正后再保存或提交：\n{problems}",
        "The application has problems to correct before it can be saved or submitted:\n{problems}",
    ),
    # Why a certificate cannot take an application
    "reissue.revoked": (
        "证书 {cert_no} 已被撤销（{reason}），不能申请补发或换发。如有异议，请联系考试机构。",
        "Certificate {cert_no} was revoked ({reason}): it cannot be reissued. If you disagree, contact the "
        "exam office.",
    ),
    "reissue.superseded": (
        "证书 {cert_no} 已经补发过，新证书编号为 {successor}。如需再次办理，请对新证书申请。",
        "Certificate {cert_no} has already been reissued as {successor}. For another application, apply "
        "for the new certificate.",
    ),
    "reissue.already_open": (
        "证书 {cert_no} 已有一份补办申请正在办理（受理号 {tracking_no}），不能重复提交。请查询该申请的进度。",
        "Certificate {cert_no} already has an application in progress (tracking number {tracking_no}): it "
        "cannot be submitted twice. Check the progress of that application instead.",
    ),
    "reissue.already_pending": (
        "证书 {cert_no} 已在补办中，不能重复申请。请先查询现有补办申请的进度。",
        "Certificate {cert_no} is already being reissued: a second application is not possible. Check the "
        "progress of the current one first.",
    ),
    "reissue.not_a_draft": (
        "申请 {tracking_no} 已经提交，不能再修改或重复提交。",
        "Application {tracking_no} has already been submitted: it can no longer be changed or submitted "
        "again.",
    ),
    "reissue.request_missing": (
        "找不到编号为 {request_id} 的补办申请（可能已被删除），请刷新后重试。",
        "Reissue application {request_id} was not found (it may have been removed): refresh and try again.",
    ),
    # The photo
    "photo.not_an_image": (
        "所选文件不是可识别的图片（手机拍摄的 HEIC 格式也无法识别）。请上传 JPG 格式的照片。",
        "The file chosen is not a recognisable picture (HEIC photos from phones are not recognised "
        "either). Please upload a JPG photo.",
    ),
    "photo.not_jpeg": (
        "照片是 {format} 格式，须为 JPG（JPEG）格式。请用图片软件另存为 JPG 后重新上传。",
        "The photo is a {format} file; it must be a JPG (JPEG). Save it as JPG with an image editor and "
        "upload it again.",
    ),
    "photo.greyscale": (
        "照片是黑白（灰度）的，须为彩色照片。请上传彩色照片。",
        "The photo is black and white (greyscale); it must be in colour. Please upload a colour photo.",
    ),
    "photo.too_small": (
        "照片尺寸太小：{width}×{height} 像素，至少需要 {min_width}×{min_height} 像素。"
        "请使用分辨率更高的照片。",
        "The photo is too small: {width}×{height} px, at least {min_width}×{min_height} px are needed. "
        "Please use a photo of higher resolution.",
    ),
    "photo.too_large": (
        "照片文件太大：{size_kb} KB，最大 {max_kb} KB。请压缩照片或降低分辨率后重新上传。",
        "The photo file is too large: {size_kb} KB, at most {max_kb} KB are allowed. Compress it or reduce "
        "its resolution and upload it again.",
    ),
    "photo.too_many_pixels": (
        "照片分辨率过高，无法处理。证件照只需约 {min_width}×{min_height} 像素：请缩小尺寸后重新上传。",
        "The photo's resolution is too high to process. An ID photo needs only about "
        "{min_width}×{min_height} px: scale it down and upload it again.",
    ),
    "photo.damaged": (
        "照片文件已损坏或不完整，无法读取。请重新拍摄或重新导出后上传。",
        "The photo file is damaged or incomplete and cannot be read. Take or export it again and upload "
        "the new file.",
    ),
    "photo.background_dark": (
        "照片背景太暗，不是白色。请在白色背景前、光线充足处重新拍摄。",
        "The photo's background is too dark to be white. Take the photo again against a white background "
        "in good light.",
    ),
    "photo.background_coloured": (
        "照片背景是彩色的（如蓝底、红底），须为白色背景。请使用白底证件照。",
        "The photo's background is coloured (blue or red, for instance); it must be white. Please use an "
        "ID photo with a white background.",
    ),
}
