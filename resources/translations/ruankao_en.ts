<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdvancedSearch</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/advanced_search.py" line="+100"/>
        <source>请至少填写一项查询条件。</source>
        <translation>Fill in at least one field.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>（不限）</source>
        <translation>(any)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>按条件查询</source>
        <translation>Search by fields</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证书编号</source>
        <translation>Cert. no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理号</source>
        <translation>Mgmt. no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>ApplicationPrints</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/application_prints.py" line="+68"/>
        <source>文件 %1 已生成；补办申请表已换成其他申请，所以未显示预览。</source>
        <translation>Document %1 was made, but the reissue form now holds another application, so it is not shown.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>打印申请表</source>
        <translation>Print application form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/batch_dialog.py" line="+94"/>
        <source>保存核验件</source>
        <translation>Save copies</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>正在生成……</source>
        <translation>Rendering…</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>已生成 %n 份核验件。</source>
        <translation>
            <numerusform>%n copy written.</numerusform>
            <numerusform>%n copies written.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>批量打印核验件</source>
        <translation>Print copies in a batch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>为所选批次中处于所选状态的每张证书生成一份核验件，合成一个 PDF 或打包为 ZIP；每份都有自己的核验码并记入打印记录。</source>
        <translation>One verification copy for every certificate of the chosen session in the chosen state, in one PDF or a ZIP; each has its own verification code and is recorded.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（不限）</source>
        <translation>(any)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>开始…</source>
        <translation>Start…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DetailFields</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/detail_fields.py" line="+164"/>
        <source>预计 %1</source>
        <translation>expected %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>暂无记录</source>
        <translation>No records yet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>历史记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专业类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证书编号</source>
        <translation>Cert. no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理号</source>
        <translation>Mgmt. no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准日期</source>
        <translation>Approved on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>颁发机构</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到达本考点</source>
        <translation>Arrived at centre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>领取截止</source>
        <translation>Pickup deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>领取记录</source>
        <translation>Handover</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关联证书</source>
        <translation>Related certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批次通知</source>
        <translation>Session notice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查看完整证件号码（需填写原因，会被记录）</source>
        <translation>View the full ID number (needs a reason; it is recorded)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看代领人的完整证件号码（需填写原因，会被记录）</source>
        <translation>View the proxy&apos;s full ID number (a reason is required and recorded)</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/detail_pane.py" line="+427"/>
        <source>证书详情</source>
        <translation>Certificate details</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>在左侧查询，然后用回车或双击打开一张证书。</source>
        <translation>Search on the left, then press Enter or double-click to open a certificate.</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>正在打开证书……</source>
        <translation>Opening the certificate…</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>%1 · 证书编号 %2</source>
        <translation>%1 · certificate no. %2</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>已登记领取：%1</source>
        <translation>Handover recorded: %1</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>领取单 %1（证书 %2）已生成，但已打开其他证书，未显示预览；需要时请重新打开该证书打印。</source>
        <translation>Handover slip %1 (certificate %2) is ready, but another certificate is open now, so it is not previewed; open that certificate again to print it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>核验件 %1（证书 %2）已生成，但已打开其他证书，未显示预览；需要时请重新打开该证书打印。</source>
        <translation>Copy %1 (certificate %2) was made, but another certificate is open now, so it is not shown; open that certificate again to print it.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>打印核验件</source>
        <translation>Print copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成带二维码和核验码的核验件，预览后打印或另存为 PDF</source>
        <translation>Make a verification copy with QR code and verification code; preview it, then print or save a PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记领取</source>
        <translation>Record pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本人领取、他人代领、单位代领或邮寄</source>
        <translation>In person, by a proxy, for the employer, or by mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>领取单</source>
        <translation>Slip</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>咨询</source>
        <translation>Enquiry</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>打印本次领取的领取单，供领取人签字</source>
        <translation>Print the slip of this handover for the receiver to sign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请补办</source>
        <translation>Apply for reissue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补发、换发、更新或未收到</source>
        <translation>Replacement, change of details, renewal or not received</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记关于这张证书的电话、邮件或现场咨询</source>
        <translation>Log a phone, e-mail or walk-in enquiry about this certificate</translation>
    </message>
</context>
<context>
    <name>DocumentsChecklist</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/documents_field.py" line="+60"/>
        <source>选择申请类型后显示需要的材料</source>
        <translation>Choose the kind to see the documents needed</translation>
    </message>
</context>
<context>
    <name>EnquiriesDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/enquiries_dialog.py" line="+257"/>
        <source>已登记咨询 %1（%2）</source>
        <translation>Enquiry %1 logged (%2)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>咨询 %1 现为“%2”</source>
        <translation>Enquiry %1 is now “%2”</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>咨询登记</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按姓名、问题、证书编号或联系方式末几位查找</source>
        <translation>Find by name, question, certificate number or the contact&apos;s last digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只看到期待跟进</source>
        <translation>Due for follow-up only</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>咨询人</source>
        <translation>Who</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>证书编号</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题 → 答复</source>
        <translation>Question → answer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>问题</source>
        <translation>Question</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跟进</source>
        <translation>Follow up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>手机、固定电话或电子邮箱</source>
        <translation>Mobile, landline or e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需在此日前跟进</source>
        <translation>Follow up by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复后办结</source>
        <translation>Close after answering</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记新咨询</source>
        <translation>Log new enquiry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录所选咨询的答复</source>
        <translation>Answer the selected one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ExpiringDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/expiring_dialog.py" line="+109"/>
        <source>%1 天内到期 %2 张</source>
        <translation>%2 expiring within %1 days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，显示最早到期的 %1 张</source>
        <translation>, the soonest %1 shown</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>即将到期的证书</source>
        <translation>Certificates expiring soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到期时间在</source>
        <translation>Expiring within</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 天内</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请更新…</source>
        <translation>Apply for renewal…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在主窗口打开所选证书，填写更新申请</source>
        <translation>Open the selected certificate in the main window and fill in a renewal application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开证书</source>
        <translation>Open certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/export_dialog.py" line="+104"/>
        <source>导出到</source>
        <translation>Export to</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已导出 %1 行：%2</source>
        <translation>%1 rows exported: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>当前查询结果（%n 张证书）</source>
        <translation>
            <numerusform>The current results (%n certificate)</numerusform>
            <numerusform>The current results (%n certificates)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>领取名单：一个批次待领取或逾期未领的证书，带签名栏</source>
        <translation>Pickup list: a session&apos;s certificates awaiting pickup or overdue, with a column to sign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已提交的补办申请（报送上级用）</source>
        <translation>Submitted reissue applications (to send upstream)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>证件号码一律脱敏导出；每次导出都记入审计日志。CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开。</source>
        <translation>ID numbers are always exported masked; every export is recorded in the audit trail. CSV files are UTF-8 with a BOM, so Excel opens them directly.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/import_wizard.py" line="+82"/>
        <source>选择证书名单</source>
        <translation>Choose a certificate list</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名单 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Lists (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>选择文件</source>
        <translation>Choose the file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试机构发来的证书名单：Excel 工作簿（.xlsx）或 CSV 文件。</source>
        <translation>The certificate list from the exam authority: an Excel workbook (.xlsx) or a CSV file.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>标题行、合并单元格、多余的列和 GBK 编码都没有关系；下一步会先检查整个文件，再决定是否导入。</source>
        <translation>Title rows, merged cells, extra columns and GBK encoding are all fine; the next step checks the whole file before anything is imported.</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../ruankao_desktop/ui/files.py" line="+14"/>
        <source>清单 (*.xlsx *.csv *.txt)</source>
        <translation>Lists (*.xlsx *.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>FilterToggle</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/search_filters.py" line="+308"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按批次、资格、级别或状态缩小结果</source>
        <translation>Narrow the results by session, qualification, level or state</translation>
    </message>
</context>
<context>
    <name>Guidance</name>
    <message>
        <location line="+34"/>
        <source>可能的原因</source>
        <translation>Possible reasons</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>有一个字符不同</source>
        <translation>one character differs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入少了一个字符</source>
        <translation>one character is missing from what was typed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入多了一个字符</source>
        <translation>what was typed has one character too many</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有两个相邻字符顺序颠倒</source>
        <translation>two neighbouring characters are swapped</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{link}（{who}）{edit}</source>
        <translation>{link} ({who}): {edit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您是不是要找：</source>
        <translation>Did you mean:</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/handover_dialog.py" line="+290"/>
        <source>登记领取</source>
        <translation>Record a handover</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证书 %1 · 持证人 %2</source>
        <translation>Certificate %1 · holder %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本人领取</source>
        <translation>In person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>他人代领</source>
        <translation>By proxy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位代领</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮寄</source>
        <translation>By mail</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>核验本人身份证原件，扫描或输入证件号码。</source>
        <translation>Check the holder&apos;s original ID card; scan or type its number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核验代领人身份证原件，收取持证人签字的委托书（扫描附上）并查验持证人身份证复印件。</source>
        <translation>Check the proxy&apos;s original ID card, take the authorisation (委托书) the holder signed (scan and attach it) and check the holder&apos;s ID copy.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>单位代领需单位出具的介绍信或证明（扫描附上），并登记经办人。</source>
        <translation>The employer&apos;s letter is needed (scan and attach it), and the name of who comes for it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按持证人提供的地址寄出，登记快递公司和快递单号。</source>
        <translation>Send it to the address the holder gave; record the courier and the tracking number.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本考点不允许他人代领或单位代领</source>
        <translation>This centre does not allow proxies or employers to collect</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>出示的证件号码</source>
        <translation>ID number presented</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代领人姓名</source>
        <translation>Proxy&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代领人证件号码</source>
        <translation>Proxy&apos;s ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>委托书</source>
        <translation>Authorisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复印件</source>
        <translation>ID copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位名称</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经办人姓名</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位证明</source>
        <translation>Employer&apos;s letter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮寄地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收件电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>快递公司</source>
        <translation>Courier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>快递单号</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已查验持证人身份证复印件</source>
        <translation>Holder&apos;s ID copy checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记后打印领取单，请领取人签字</source>
        <translation>Print the handover slip afterwards, for the receiver to sign</translation>
    </message>
</context>
<context>
    <name>IdentityChangesModel</name>
    <message>
        <location filename="../../ruankao_desktop/ui/models/import_models.py" line="+79"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>变更</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原来</source>
        <translation>Before</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>改为</source>
        <translation>After</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>证书编号</source>
        <translation>Cert. no.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/import_wizard.py" line="+293"/>
        <source>导入证书名单</source>
        <translation>Import a certificate list</translation>
    </message>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/import_summary.py" line="+20"/>
        <source>文件：%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共 %1 行：新增 %2，更新 %3，不变 %4，被拒绝 %5。</source>
        <translation>%1 rows: %2 new, %3 updated, %4 unchanged, %5 rejected.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>忽略的列：%1</source>
        <translation>Ignored columns: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已写入数据库。</source>
        <translation>Written to the database.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 行会改变持证人的姓名或证件号码，未经确认，暂缓导入，没有写入。</source>
        <translation>Rows that would change a holder&apos;s name or ID number and were not confirmed: %1. They were held back, not written.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 行会改变持证人的姓名或证件号码：勾选下方的确认后才会导入。</source>
        <translation>Rows that would change a holder&apos;s name or ID number: %1. They are imported only when you tick the confirmation below.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已按确认导入 %1 处身份变更。</source>
        <translation>%1 confirmed identity changes were imported.</translation>
    </message>
</context>
<context>
    <name>LookupPane</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/lookup_pane.py" line="+222"/>
        <source>正在查询……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+123"/>
        <source>无法查询</source>
        <translation>Cannot search</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>继续输入……（按回车查询）</source>
        <translation>Keep typing… (Enter to search)</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <location line="+80"/>
        <source>（结果过多，只显示前 %n 条，请缩小范围）</source>
        <translation>
            <numerusform> (too many: only the first %n shown, narrow the search)</numerusform>
            <numerusform> (too many: only the first %n shown, narrow the search)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-58"/>
        <location line="+61"/>
        <source>没有找到匹配的证书</source>
        <translation>No matching certificate</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>共 1 条结果</source>
        <translation>1 result</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+52"/>
        <source>共 {count} 条结果</source>
        <translation>{count} results</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>按{kind}找到：{name}</source>
        <translation>found by {kind}: {name}</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>查询证书</source>
        <translation>Find a certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号、证书编号、管理号或姓名（可扫码），回车查询</source>
        <translation>ID, cert. no., mgmt. no. or name, then Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>立即查询（回车）</source>
        <translation>Search now (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高级</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按多个条件组合查询</source>
        <translation>Search by several fields</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请输入查询内容</source>
        <translation>Type what to look for</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ruankao_desktop/ui/main_window.py" line="+246"/>
        <source>补办申请表已关闭（%1），填写的内容已保留，再次申请补办即可继续。</source>
        <translation>Reissue form closed (%1); what was typed is kept for when you reopen it.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 现为“%2”，不能登记领取。</source>
        <translation>%1 is “%2”: it cannot be handed over.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 现为“%2”，不能申请更新。</source>
        <translation>%1 is “%2”: no renewal can be applied for.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>查询结果仍在载入，请稍候再导出。</source>
        <translation>The results are still loading: export them in a moment.</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>无法切换语言</source>
        <translation>Cannot switch language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到英文翻译文件。请运行 scripts/build-translations。</source>
        <translation>The English translation file is missing. Run scripts/build-translations.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>关于软考证书服务台</source>
        <translation>About the 软考 certificate desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>软考证书服务台 %1
离线查询、领取、补办与核验。</source>
        <translation>软考 certificate desk %1
Offline lookup, handover, reissue and verification.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>软考证书服务台</source>
        <translation>软考 Certificate Desk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查询(&amp;S)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理(&amp;W)</source>
        <translation>&amp;Work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证书(&amp;C)</source>
        <translation>&amp;Certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>到查询框（Ctrl+F）</source>
        <translation>Go to the search field (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高级查询</source>
        <translation>Advanced search</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按多个条件查询（Ctrl+Shift+F）</source>
        <translation>Search by several fields (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记领取</source>
        <translation>Record pickup</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本人、代领、单位代领或邮寄（Ctrl+L）</source>
        <translation>In person, by a proxy, for the employer, or by mail (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印领取单</source>
        <translation>Print handover slip</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印当前证书的领取单，供领取人签字</source>
        <translation>Print the current certificate&apos;s handover slip for the receiver to sign</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>各状态、各批次的证书数量与今日待办（Ctrl+Shift+O）</source>
        <translation>Certificates per state and session, and today&apos;s work (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>咨询登记</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话、邮件和现场咨询的记录与跟进（Ctrl+Shift+E）</source>
        <translation>The log of phone, e-mail and walk-in enquiries and their follow-up (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>到证与领取</source>
        <translation>Arrival and pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一个批次的到证登记、领取截止日期和领取名单（Ctrl+Shift+A）</source>
        <translation>A session&apos;s arrival, pickup deadline and pickup list (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>即将到期</source>
        <translation>Expiring soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期即将届满的证书，从这里申请更新（Ctrl+Shift+U）</source>
        <translation>Certificates whose validity ends soon; apply for renewal from here (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>补办队列</source>
        <translation>Reissue queue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>审核、上报补办申请，登记新证（Ctrl+Shift+R）</source>
        <translation>Review reissue applications, send them upstream, enter new certificates (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请补办</source>
        <translation>Apply for reissue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>为当前证书填写补办申请（Ctrl+R）</source>
        <translation>Fill in a reissue application for this certificate (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印核验件</source>
        <translation>Print copy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预览并打印当前证书的核验件（Ctrl+P）</source>
        <translation>Preview and print a verification copy of this certificate (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫描二维码或输入核验码，核验一份核验件（Ctrl+Shift+V）</source>
        <translation>Scan the QR code or type the verification code to check a copy (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>批量打印…</source>
        <translation>Batch print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为一个批次的证书批量生成核验件（Ctrl+Shift+P）</source>
        <translation>Make copies for the certificates of a session (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查看完整证件号码</source>
        <translation>View full ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需填写原因并记入审计（Ctrl+Shift+I）</source>
        <translation>Needs a reason and is audited (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>重新读取当前结果和详情（F5）</source>
        <translation>Read the results and details again (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入证书名单…</source>
        <translation>Import certificate list…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从考试机构的 Excel 或 CSV 名单导入证书（Ctrl+I）</source>
        <translation>Import certificates from the exam authority&apos;s Excel or CSV list (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出查询结果、领取名单或补办申请为 Excel / CSV（Ctrl+E）</source>
        <translation>Export the results, a pickup list or the reissue applications to Excel / CSV (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退出程序</source>
        <translation>Quit the program</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>关于本程序</source>
        <translation>About this program</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户：%1 · 终端：%2</source>
        <translation>User: %1 · Terminal: %2</translation>
    </message>
</context>
<context>
    <name>OverviewDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/overview_dialog.py" line="+231"/>
        <source>概览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>各批次证书状态（点击数字或色块查看名单）</source>
        <translation>Certificates per session and state (click a number or a block for the list)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补办申请待处理</source>
        <translation>Reissue applications waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在统计……</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>截至 %1，共 %2 张证书</source>
        <translation>As of %1: %2 certificates</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>今日领取</source>
        <translation>Handed over today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期未领</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 天内到期</source>
        <translation>Expiring within %1 days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未办结咨询</source>
        <translation>Open enquiries</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>其中 %1 条已到跟进日期</source>
        <translation>%1 of them due for follow-up</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/photo_field.py" line="+53"/>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>照片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)</source>
        <translation>Photos (*.jpg *.jpeg *.png *.bmp);;All files (*)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>未选择照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无法显示</source>
        <translation>Cannot show</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>照片符合要求（%1×%2 像素）</source>
        <translation>Photo accepted (%1×%2 px)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>白底彩色 JPG，至少 295×413 像素</source>
        <translation>Colour JPG on white, at least 295×413 px</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择照片…</source>
        <translation>Choose photo…</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/import_wizard.py" line="-233"/>
        <source>正在检查文件……</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>检查结果</source>
        <translation>What the import would do</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入前先看清楚：会新增、更新哪些证书，哪些行有问题以及原因。</source>
        <translation>Before importing: which certificates would be added or updated, which rows have problems, and why.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只导入没有问题的行（有问题的行不导入，可保存报告后修改再导）</source>
        <translation>Import only the rows without problems (fix the others using the report, then import again)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>身份变更：名单会改变以下持证人的姓名或证件号码，请逐条核对。不勾选确认，这些行暂缓导入，其余的行照常导入。</source>
        <translation>Identity changes: the list would change the names or ID numbers of these holders. Check each one. Unless you confirm them, their rows are held back and the rest of the list is imported.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>我已核对以上身份变更，确认导入（%1 人）</source>
        <translation>I have checked the identity changes above: import them (holders: %1)</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/print_preview.py" line="+117"/>
        <source>已发送到打印机 %1。</source>
        <translation>Sent to the printer %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>流水号 %1</source>
        <translation>Serial %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · 核验码 %1 · 有效期至 %2</source>
        <translation> · code %1 · valid until %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ReissueForm</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/reissue_form.py" line="+224"/>
        <source>已打开保存的草稿，可继续填写。</source>
        <translation>The saved draft was opened: carry on filling it in.</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>草稿已保存。</source>
        <translation>Draft saved.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>申请已提交，受理编号 %1。请把编号告知申请人。</source>
        <translation>Application submitted, tracking number %1. Give the number to the applicant.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>补办申请已提交：%1</source>
        <translation>Reissue application submitted: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>申请未保存：请按提示修改标红的项目。</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>补办申请</source>
        <translation>Reissue application</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>已恢复之前填写、尚未保存的内容，可继续填写。</source>
        <translation>What was typed earlier and not saved is back: go on filling in the form.</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>关闭申请表</source>
        <translation>Close the form</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通讯地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料清单</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选填</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“未收到”时必填；邮寄新证书时填写</source>
        <translation>Required for “not received”; also for mailing the new certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：证书于搬家时遗失，已登报声明作废</source>
        <translation>e.g. lost when moving house; a loss notice was published</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交申请</source>
        <translation>Submit</translation>
    </message>
</context>
<context>
    <name>ReissueQueueDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/reissue_queue.py" line="+139"/>
        <location line="+209"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>共 %1 份，显示 %2 份</source>
        <translation>%1 in all, %2 shown</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>退回申请</source>
        <translation>Return the application</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回 %1 的原因（申请人会看到）：</source>
        <translation>Why %1 is returned (the applicant is told):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>登记新证</source>
        <translation>New certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 的新证书编号：</source>
        <translation>The new certificate number of %1:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>上报文件保存到</source>
        <translation>Save the batch&apos;s files in</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择新证清单</source>
        <translation>Choose the list of new certificates</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>已按清单登记 %1 张新证（到达日期 %2），对应申请现为“新证已到”</source>
        <translation>%1 new certificates recorded from the list (arrived on %2); their applications are now “new certificate arrived”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已生成上报批次 %1（%2 份）：%3</source>
        <translation>Batch %1 (%2 applications) written to %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 现为“%2”</source>
        <translation>%1 is now “%2”</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>补办队列</source>
        <translation>Reissue queue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 天以上</source>
        <translation> days or more</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+10"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>停留</source>
        <translation>At its step</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>受理编号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>证书编号</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批次 / 新证 / 退回原因</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>审核通过</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记新证…</source>
        <translation>New certificate…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按清单登记新证…</source>
        <translation>New certificates from a list…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>考试机构的新证清单：CSV 或 Excel，“受理编号”（或“原证书编号”）和“新证书编号”两列</source>
        <translation>The exam office&apos;s list of new certificates: CSV or Excel, with “受理编号” (or “原证书编号”) and “新证书编号” columns</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>生成上报批次…</source>
        <translation>Send upstream…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把全部已审核的申请生成一个上报批次：Excel 表和照片 ZIP</source>
        <translation>Put every approved application in a batch for the exam office: a workbook and a ZIP of the photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RejectionsModel</name>
    <message>
        <location filename="../../ruankao_desktop/ui/models/import_models.py" line="-12"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/import_wizard.py" line="+130"/>
        <source>保存导入报告</source>
        <translation>Save the import report</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>报告已保存：%1</source>
        <translation>Report saved: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导入报告</source>
        <translation>Import report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存报告…</source>
        <translation>Save report…</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../ruankao_desktop/ui/models/results_model.py" line="+134"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证书编号</source>
        <translation>Cert. no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匹配</source>
        <translation>Matched</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/reveal_dialog.py" line="+53"/>
        <source>查看完整证件号码</source>
        <translation>View full ID number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查看 %1 的完整证件号码会记入审计日志。请填写原因：</source>
        <translation>Viewing the full ID number of %1 is recorded in the audit trail. Enter the reason:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例如：核对户籍迁移前的号码</source>
        <translation>e.g. checking the number used before moving</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/import_wizard.py" line="-115"/>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>已读取 %1 行，正在核对并写入数据库……</source>
        <translation>%1 rows read; checking them against the database and writing…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>没有导入任何数据：文件中有被拒绝的行。请返回查看原因。</source>
        <translation>Nothing was imported: the file has rejected rows. Go back to see why.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部写入或全部不写：中途取消或出错，数据库保持原样。</source>
        <translation>All or nothing: if cancelled or something fails, the database stays as it was.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ScanPicker</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/handover_dialog.py" line="-244"/>
        <source>选择扫描件</source>
        <translation>Choose the scan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扫描件 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>附上扫描件…</source>
        <translation>Attach a scan…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未附（PDF、JPG 或 PNG，10 MB 以内）</source>
        <translation>None attached (PDF, JPG or PNG, up to 10 MB)</translation>
    </message>
</context>
<context>
    <name>SearchFilters</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/search_filters.py" line="-106"/>
        <source>考试批次：全部</source>
        <translation>Session: all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称：全部</source>
        <translation>Qualification: all</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>级别：全部</source>
        <translation>Level: all</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>状态：全部</source>
        <translation>State: all</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/session_dialog.py" line="+229"/>
        <source>全部 %1</source>
        <translation>All %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>共 %1 张，显示前 %2 张；请输入姓名、证书编号或证件号码后几位查找</source>
        <translation>%1 in all, the first %2 shown; type a name, a certificate number or the last digits of an ID number to find one</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 %1 张</source>
        <translation>%1 in all</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>未定</source>
        <translation>not set</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未到达</source>
        <translation>not yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>考试 %1 · 预计到达 %2 · 实际到达 %3 · 领取截止 %4</source>
        <translation>Exam %1 · expected %2 · arrived %3 · pickup deadline %4</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>新的领取截止日期和修改原因：</source>
        <translation>The new pickup deadline and the reason for the change:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择到达清单</source>
        <translation>Choose the arrival list</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>导出领取名单到</source>
        <translation>Export the pickup list to</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>将%1尚未到达的 %2 张证书全部登记为已到达。到达日期：</source>
        <translation>Mark all %2 certificates of %1 not yet arrived as arrived. Arrival date:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>将所选的 %1 张证书登记为已到达。到达日期：</source>
        <translation>Mark the %1 selected certificates as arrived. Arrival date:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>将清单 %1 中的证书登记为已到达。到达日期：</source>
        <translation>Mark the certificates of the list %1 as arrived. Arrival date:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已登记%1的 %2 张证书于 %3 到达；另有 %4 张此前已到达，未改动。</source>
        <translation>%2 certificates of %1 recorded as arrived on %3; %4 had arrived before and were left as they were.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已登记%1的 %2 张证书于 %3 到达。</source>
        <translation>%2 certificates of %1 recorded as arrived on %3.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1的领取截止日期已改为 %2。</source>
        <translation>The pickup deadline of %1 is now %2.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已导出 %1 行：%2</source>
        <translation>%1 rows exported: %2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>到证与领取</source>
        <translation>Arrival and pickup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试批次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名、拼音、证书编号或证件号码后4–6位，回车查找</source>
        <translation>Name, pinyin, certificate number or the last 4–6 characters of the ID number; Enter to find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改截止日期…</source>
        <translation>Change the deadline…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部到达…</source>
        <translation>All arrived…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把本批次尚未到达的证书全部登记为已到达</source>
        <translation>Mark every certificate of this session not yet arrived as arrived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所选到达…</source>
        <translation>Selected arrived…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按清单到达…</source>
        <translation>Arrived from a list…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考试机构的到达清单：CSV、文本或 Excel，一列证书编号</source>
        <translation>The exam office&apos;s arrival list: CSV, text or Excel, a column of certificate numbers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记领取…</source>
        <translation>Hand over…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在主窗口打开所选证书并登记领取（Ctrl+L）</source>
        <translation>Open the selected certificate in the main window and record its handover (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开证书</source>
        <translation>Open certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出领取名单…</source>
        <translation>Export the pickup list…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待领取或逾期未领的名单，带签名栏</source>
        <translation>The certificates awaiting pickup or overdue, with a signature column</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>StateBox</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/detail_fields.py" line="-116"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
</context>
<context>
    <name>StateCounts</name>
    <message>
        <location filename="../../ruankao_desktop/ui/panes/search_filters.py" line="-137"/>
        <source>全部 {count}</source>
        <translation>All {count}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只看“{state}”的结果（再点一次取消）</source>
        <translation>Only results that are “{state}” (click again to show all)</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../ruankao_desktop/ui/dialogs/verify_dialog.py" line="+101"/>
        <source>选择核验件 PDF</source>
        <translation>Choose a copy (PDF)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>持证人</source>
        <translation>Holder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格名称</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证书编号</source>
        <translation>Cert. no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印时间</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核验码有效期至</source>
        <translation>Code valid until</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>核验核验件</source>
        <translation>Verify a copy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扫描核验件上的二维码，或输入 16 位核验码后按回车；也可以打开核验件 PDF。</source>
        <translation>Scan the QR code on the copy, or type the 16-character verification code and press Enter; or open the copy as a PDF.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扫描二维码或输入核验码</source>
        <translation>Scan the QR code or type the code</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开 PDF…</source>
        <translation>Open PDF…</translation>
    </message>
</context>
</TS>
