"""Texts of reissue applications (补发 / 换发 / 更新 / 未收到)."""

TEXTS: dict[str, tuple[str, str]] = {}
