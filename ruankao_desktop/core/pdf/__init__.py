"""PDF foundations shared by every printed document: the font chain (`fonts`) and the fix that gives
characters beyond U+FFFF a correct text layer (`tounicode`)."""
