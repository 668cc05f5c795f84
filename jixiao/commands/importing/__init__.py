"""``build.py import``: a draft package from the form a government published.

readers (XLSX, DOCX, PDF, text) → grid (rows of located cells) → recognise/blocks (one
recogniser per template family) → writer (the draft package and its review list).
Takes a file; gives data/UNIT/YEAR/ with review.csv, which validation reports (E-DRAFT)
until every field is confirmed.
"""
