"""Texts of the audit trail: what `audit verify` and `db check` say about the chain, its key and its
anchor."""

TEXTS: dict[str, tuple[str, str]] = {
    "audit.intact": (
        "审计记录完整：共 {count} 条，最新一条 #{event}（{at}），链头 {head}。",
        "The audit trail is intact: {count} events, the newest #{event} ({at}), head {head}.",
    ),
    "audit.intact_empty": ("审计记录为空（尚无任何操作）。", "The audit trail is empty (nothing done yet)."),
    "audit.archived": (
        "另有 {count} 条恢复备份时归档的审计记录，核对无误。",
        "{count} more events, archived by restores, verify too.",
    ),
    "audit.broken": (
        "审计记录已被改动，不能再作为凭证。请从改动之前的备份恢复数据库（db restore），并报告管理员。",
        "The audit trail was altered and can no longer be relied on. Restore the database from a backup "
        "made before the change (db restore) and tell the administrator.",
    ),
    "audit.event_altered": (
        "审计记录 #{event}（{at}）与其校验值不符：内容被改动，或是伪造的。",
        "Audit event #{event} ({at}) does not match its hash: it was altered or forged.",
    ),
    "audit.event_out_of_place": (
        "审计记录 #{event}（{at}）没有接在前一条之后：其前的记录被删除、插入或调换了顺序。",
        "Audit event #{event} ({at}) does not follow the one before it: events before it were removed, "
        "inserted or reordered.",
    ),
    "audit.event_downgraded": (
        "审计记录 #{event}（{at}）用的是旧的无密钥校验，却在带密钥的记录之后：它被改写过。",
        "Audit event #{event} ({at}) uses the old unkeyed hash after keyed events: it was rewritten.",
    ),
    "audit.events_missing": (
        "{count} 条审计记录在 #{after} 之后缺失：最新的记录被删除了。",
        "{count} events missing after #{after}: the newest events were removed.",
    ),
    "audit.anchor_mismatch": (
        "审计记录 #{event} 与数据目录中记下的链头（{at}）不符：该记录及其后的记录被改写过。",
        "Audit event #{event} differs from the head kept in the data folder ({at}): it and the events "
        "after it were rewritten.",
    ),
    "audit.anchor_behind": (
        "提示：链头落后 {count} 条，最新一条 #{event}（{at}）写入后链头未更新（例如写入后断电，或由另一台"
        "电脑写入）。这不是篡改；下一次写入时链头会更新。",
        "Note: the anchor is behind by {count} event(s), last event #{event} at {at} (a power cut after the "
        "write, or another desk wrote it). This is not tampering; the next write updates the anchor.",
    ),
    "audit.no_anchor_yet": (
        "提示：本数据库尚无链头（升级前写入的记录）；下一条记录写入时建立。",
        "Note: this database has no anchor yet (events written before the upgrade); the next event "
        "creates it.",
    ),
    "audit.anchor_missing": (
        "数据目录中没有本数据库的链头文件 {path}，而数据库中已有带密钥的记录：链头被删除，或数据库来自另一"
        "台电脑。请把原电脑数据目录中的 audit 和 keys 文件夹复制过来，再运行 audit verify。",
        "This database's anchor {path} is not in the data folder, yet the database holds keyed events: the "
        "anchor was deleted, or the database comes from another computer. Copy the audit and keys folders "
        "from that computer's data folder, then run audit verify again.",
    ),
    "audit.anchor_invalid": (
        "链头文件 {path} 的签名无效：它被改动过，或审计密钥已被更换。",
        "The anchor {path} carries no valid signature: it was altered, or the audit key was replaced.",
    ),
    "audit.key_missing": (
        "找不到审计密钥 {path}：带密钥的审计记录无法核对，也不能再写入新的记录。请从数据目录的备份中恢复 "
        "keys/audit.key（或从写入这些记录的电脑复制过来）；不要另建新密钥。",
        "The audit key {path} is missing: keyed audit events cannot be verified and no new event can be "
        "written. Restore keys/audit.key from a backup of the data folder (or copy it from the computer "
        "that wrote the events); do not create a new key.",
    ),
    "audit.key_unreadable": (
        "审计密钥 {path} 无法读取或已损坏。请从数据目录的备份中恢复它。",
        "The audit key {path} cannot be read or is damaged. Restore it from a backup of the data folder.",
    ),
    "audit.archive_incomplete": (
        "恢复操作 #{event}（{at}）归档的审计记录不完整：应有 {expected} 条，现有 {found} 条。",
        "The events archived by restore #{event} ({at}) are incomplete: {expected} expected, {found} found.",
    ),
    "audit.archive_altered": (
        "恢复操作 #{event}（{at}）归档的审计记录被改动过。",
        "The events archived by restore #{event} ({at}) were altered.",
    ),
    "audit.archive_unbound": (
        "归档中有 {count} 条审计记录（从原 #{event} 起）不属于任何恢复操作：它们是伪造的。",
        "{count} archived events (from original #{event}) belong to no restore: they were forged.",
    ),
    "audit.backup_head_invalid": (
        "备份的链头文件 {path} 签名无效（被改动过，或备份来自另一台电脑）：未恢复。请在做备份的电脑上恢复，"
        "或先把那台电脑数据目录中的 keys/audit.key 复制过来。",
        "The backup's anchor {path} carries no valid signature (altered, or the backup comes from another "
        "computer): nothing was restored. Restore on the computer that made it, or first copy keys/audit.key "
        "from that computer's data folder.",
    ),
    "audit.backup_trail_cut": (
        "备份 {path} 的审计记录不再以其链头所记的 #{event} 结尾：备份被改动过，未恢复。请换一个备份。",
        "The audit trail in the backup {path} no longer ends with event #{event}, as its anchor says: the "
        "backup was altered and nothing was restored. Choose another backup.",
    ),
}
