"""The privacy scan finds a number however it is written, at the line where it stands, and masks it."""

import pytest

from sunlight_gongshi import privacy
from sunlight_gongshi.visible import HIDDEN, line_of, reading

PHONE = "138****8000"
ESCAPES = "".join(f"\\u{ord(c):04x}" for c in "13800138000")


@pytest.mark.parametrize("written", [
    "13800138000",
    "138 0013 8000", "138-0013-8000", "1 3 8 0 0 1 3 8 0 0 0", "138\u00a00013\u30008000", "138—0013—8000",
    "+8613800138000", "008613800138000", "+86 138 0013 8000", "(+86)13800138000",
    f'"{ESCAPES}"', '"\\x31\\x33\\x3800138000"', '"138\\\n    00138000"', '"138\\\r\n    00138000"',
    "&#49;&#51;&#56;&#48;&#48;&#x31;&#x33;&#x38;&#48;&#48;&#48;", "&#0049;3800138000",
    "%31%33%38%30%30%31%33%38%30%30%30",
    "１３８００１３８０００", "①③⑧⓪⓪①③⑧⓪⓪⓪", "١٣٨٠٠١٣٨٠٠٠", "𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎", "一三八〇〇一三八〇〇〇", "壹叁捌零零壹叁捌零零零",
    "138\u200b0013\u200b8000", "1\u00ad3800138000", "138\ufeff00138000", "1\u03323800138000",
    "138**0013**8000", "138_0013_8000", "`138`00138000", "[138](tel:x)00138000", "138\\-0013\\-8000",
    "138\n  0013 8000",
])
def test_a_phone_is_found_however_it_is_written(written):
    text = f"memo: 联系王某 {written} 谢谢\n"
    assert [(line, code) for line, code, _ in privacy.scan(text)] == [(1, "E-PRIVACY-PHONE")]
    assert PHONE in privacy.scan(text)[0][2]
    assert PHONE in privacy.mask_text(text) and "8000" not in privacy.mask_text(text).replace(PHONE, "")


@pytest.mark.parametrize("written, code", [
    ("11010519491231002X", "E-PRIVACY-ID"), ("11010519491231002x", "E-PRIVACY-ID"),
    ("110105 19491231 002X", "E-PRIVACY-ID"), ("110105-1949-1231-002X", "E-PRIVACY-ID"),
    ("１１０１０５１９４９１２３１００２Ｘ", "E-PRIVACY-ID"),
    ("6222021234567890128", "E-PRIVACY-CARD"), ("6222 0212 3456 7890 128", "E-PRIVACY-CARD"),
    ("6222-0212-3456-7890-128", "E-PRIVACY-CARD"), ("６２２２ ０２１２ ３４５６ ７８９０ １２８", "E-PRIVACY-CARD"),
])
def test_identity_and_card_numbers_in_their_usual_groups(written, code):
    assert [c for _, c, _ in privacy.scan(f"卡号 {written}。")] == [code]


@pytest.mark.parametrize("text", [
    "2024-03-01 2024-03-31 12", "2024-03-05 至 2024-03-31，共 1380 元", "id: 2024-03-001\n  date: 2024-03-05",
    "- 2024-007\n  - 2024-008\n  - 2024-009", "1234 5678 9012 3456 789",   # not a valid card: Luhn fails
    "622202 1234567 890128",                                            # a card, but not in fours
    "11010519491231002X1",                                                # 19 characters
    "138001380001", "513800138000",                                       # 12 digits
])
def test_figures_that_are_not_personal_numbers(text):
    assert privacy.scan(text) == []


def test_the_number_inside_a_longer_run_of_figures():
    assert [c for _, c, _ in privacy.scan("2024-03-05 13800138000 8.00")] == ["E-PRIVACY-PHONE"]


def test_a_public_service_phone_however_it_is_written():
    for written in ("13800138000", "１３８００１３８０００", "+86 138 0013 8000", "138\u200b00138000"):
        assert privacy.scan(f"物业服务中心（公开电话）{written}") == []
        assert privacy.scan(f"物业服务中心(公开电话)：{written}") == []
    assert len(privacy.scan("物业服务中心（公开电话）13800138000，王某 13912345678")) == 1


def test_lines_are_the_lines_an_editor_shows():
    text = "a: 1\r\nb: 2\u2028c\n# 联系 139 1234 5678\rd: 13912345678\n"
    assert [line for line, _, _ in privacy.scan(text)] == [3, 4]
    assert line_of("a\u2029b\x85c\nd", 6) == 2


def test_a_number_folded_over_lines_is_reported_where_it_starts():
    assert [line for line, _, _ in privacy.scan("a: x\nmemo: 联系 138\n  0013\n  8000\n")] == [2]


def test_reading_keeps_every_position():
    text = f'memo: "{ESCAPES}" &#49; %31 １ 一二 三 \u200b \\n x'
    shown = reading(text)
    assert len(shown) == len(text)
    assert shown.startswith('memo: "1' + HIDDEN * 5 + "3")
    assert shown.replace(HIDDEN, "") == 'memo: "13800138000" 1 1 1 12 三    x'


def test_mask_text_masks_every_number_and_keeps_the_rest():
    text = "更正：王某电话 138 0013 8000，身份证 11010519491231002X，卡 6222021234567890128"
    assert privacy.mask_text(text) == "更正：王某电话 138****8000，身份证 110***********002X，卡 622************0128"
    assert privacy.mask_text("一月账目") == "一月账目" and privacy.mask_text("") == ""


def test_bytes_and_text_scan_alike():
    assert privacy.scan("王某 13912345678".encode()) == privacy.scan("王某 13912345678")


def test_a_long_line_of_small_numbers_is_scanned_quickly():
    import time
    start = time.perf_counter()
    assert privacy.scan(" ".join(["12"] * 200_000)) == []
    assert time.perf_counter() - start < 5


def _office(path, parts: dict[str, str]) -> None:
    import zipfile
    with zipfile.ZipFile(path, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)


def test_office_attachments_are_read_as_their_readers_see_them(tree, tmp_path):
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    # Word splits a typed number into runs; a spreadsheet keeps each figure in its own cell.
    _office(files / "签到表.docx", {"word/document.xml": '<w:document><w:body><w:p><w:r><w:t>王某 139</w:t></w:r>'
                                                      '<w:r><w:rPr><w:b/></w:rPr><w:t>1234</w:t></w:r><w:r><w:t>5678</w:t>'
                                                      "</w:r></w:p></w:body></w:document>"})
    _office(files / "表决.xlsx", {"xl/sharedStrings.xml": "<sst><si><t>户数</t></si></sst>",
                                 "xl/worksheets/sheet1.xml": "<sheetData><row>" + "".join(
                                     f'<c r="A{i}"><v>{v}</v></c>' for i, v in enumerate(["13", "912", "345", "678"]))
                                 + "</row></sheetData>"})
    _office(files / "名单.ods", {"content.xml": "<office:body><table:table-cell><text:p>卡号 6222 0212 3456 7890 128"
                                               "</text:p></table:table-cell></office:body>"})
    (files / "坏的.docx").write_bytes(b"not a zip")
    problems = tree()
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("records/files/名单.ods", 1, "E-PRIVACY-CARD"), ("records/files/签到表.docx", 1, "E-PRIVACY-PHONE")]
    assert problems[1].message.startswith("附件里有一个手机号码（139****5678）")


def test_text_attachments_are_read_in_utf8_or_gb18030_at_their_lines(tree, tmp_path):
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    (files / "名单.csv").write_bytes("姓名,电话\n王某,13912345678\n".encode("gb18030"))
    (files / "说明.txt").write_text("第一行\n\n王某 139 1234 5678\n", encoding="utf-8")
    (files / "照片.jpg").write_bytes(b"13912345678")       # images are not read: they are checked by eye
    assert [(p.path, p.line, p.code) for p in tree()] == [("records/files/名单.csv", 2, "E-PRIVACY-PHONE"),
                                                           ("records/files/说明.txt", 3, "E-PRIVACY-PHONE")]


def test_site_settings_are_published_on_every_page(tree, tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: 小区\n# 管理员 王某\ncopyright: 物业（公开电话）13800138000 王某 13912345678\n",
                                         encoding="utf-8")
    assert [(p.path, p.line, p.code) for p in tree()] == [("mkdocs.yml", 3, "E-PRIVACY-PHONE")]


def test_a_damaged_office_document_is_a_warning_that_it_was_not_read(tree, tmp_path):
    import io
    import zipfile
    from sunlight_gongshi.load.attachment_text import Unreadable, attachment_text
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:p><w:t>" + "王某 13912345678 " * 500 + "</w:t></w:p>")
    data = bytearray(buffer.getvalue())
    start = data.find(b"word/document.xml") + 40
    data[start:start + 30] = bytes(b ^ 0x55 for b in data[start:start + 30])   # corrupt deflate data
    with pytest.raises(Unreadable):
        attachment_text(bytes(data), ".docx")
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    (files / "a.docx").write_bytes(bytes(data))
    assert [p.text() for p in tree()] == [
        "records/files/a.docx:1: warning: 读不出这个附件里的文字（文件损坏、加了打开密码，或是少见的格式），隐私检查查不了它："
        "请打开看一遍，确认里面没有手机号、身份证号和银行卡号；最好另存为不加密码的 PDF 再上传  [W-PRIVACY-UNREAD]"]


# --- attachments in every form a Chinese PC writes them (format 1.2, section 2) ----------------------

def test_text_attachments_in_utf16_and_utf32_are_read_at_their_lines(tree, tmp_path):
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    sheet = "姓名\t电话\r\n王某\t13912345678\r\n"
    (files / "名单.txt").write_bytes(b"\xff\xfe" + sheet.encode("utf-16-le"))      # Excel's "Unicode 文本"
    (files / "名单-be.txt").write_bytes(b"\xfe\xff" + sheet.encode("utf-16-be"))
    (files / "名单-32.csv").write_bytes(b"\xff\xfe\x00\x00" + sheet.encode("utf-32-le"))
    (files / "无标记.txt").write_bytes(("\n\n" + sheet).encode("utf-16-le"))       # no byte-order mark
    (files / "国标.csv").write_bytes("说明\n王某,𠀀,13912345678\n".encode("gb18030"))   # a character GBK lacks
    assert [(p.path, p.line, p.code) for p in tree()] == [
        ("records/files/名单-32.csv", 2, "E-PRIVACY-PHONE"), ("records/files/名单-be.txt", 2, "E-PRIVACY-PHONE"),
        ("records/files/名单.txt", 2, "E-PRIVACY-PHONE"), ("records/files/国标.csv", 2, "E-PRIVACY-PHONE"),
        ("records/files/无标记.txt", 4, "E-PRIVACY-PHONE")]


def test_an_id_number_with_a_wrong_check_digit_is_still_an_id_number(tree):
    problems = tree({"records/community.yml": "name: 测试小区\nhouseholds: 10\narea_m2: \"1000.00\"\n"
                                              "# 王某 110105194912310021\n# 李某 110105 19491231 002X\n"
                                              "# 单号 010105194912310021 201812310000000001\n"})
    assert [p.text() for p in problems] == [
        "records/community.yml:4: error: 这里有一个居民身份证号（110***********0021），它的校验位（最后一位）不对，"
        "多半是抄错了一位；即使抄错，其余 17 位仍是这个人的身份证号，不能公开；请删掉  [E-PRIVACY-ID]",
        "records/community.yml:5: error: 这里有一个居民身份证号（110***********002X）：身份证号是个人信息，不能公开；请删掉"
        "  [E-PRIVACY-ID]"]
    assert privacy.mask_text("身份证 110105194912310021") == "身份证 110***********0021"


def test_pdf_attachments_are_read_page_by_page_with_their_document_information(tree, tmp_path):
    from documents import pdf
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    (files / "会议纪要.pdf").write_bytes(pdf(["Minutes of the meeting", "Wang 139 1234 5678"], author="Li 13800138000",
                                             xmp="<x:xmpmeta><dc:rights>6222021234567890128</dc:rights></x:xmpmeta>"))
    (files / "扫描件.pdf").write_bytes(pdf([""]))          # a scan: no text, nothing to say
    (files / "坏的.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    assert [p.text() for p in tree()] == [
        "records/files/会议纪要.pdf:1: error: 附件的文档信息（XMP）里像是一个银行卡号（622************0128）：卡号不能公开；"
        "请删掉，只写收款单位或“尾号 1234”  [E-PRIVACY-CARD]",
        "records/files/会议纪要.pdf:1: error: 附件的文档信息（作者）里有一个手机号码（138****8000）：居民的手机号未经本人"
        "同意不能公开（个人信息保护法）；请删掉，居民只写作“王某”  [E-PRIVACY-PHONE]",
        "records/files/会议纪要.pdf:1: error: 附件第 2 页里有一个手机号码（139****5678）：居民的手机号未经本人同意不能公开"
        "（个人信息保护法）；请删掉，居民只写作“王某”  [E-PRIVACY-PHONE]",
        "records/files/坏的.pdf:1: warning: 读不出这个附件里的文字（文件损坏、加了打开密码，或是少见的格式），隐私检查查不了它："
        "请打开看一遍，确认里面没有手机号、身份证号和银行卡号；最好另存为不加密码的 PDF 再上传  [W-PRIVACY-UNREAD]"]


def test_old_office_documents_are_read_stream_by_stream(tree, tmp_path):
    from documents import compound
    from builders import REPO
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    (files / "签到表.xls").write_bytes((REPO / "tests" / "sheets" / "phones.xls").read_bytes())   # read by xlrd
    (files / "通知.doc").write_bytes(compound({"WordDocument": "请联系王某 139 1234 5678。".encode("utf-16-le"),
                                               "\x05SummaryInformation": b"\x1e\x00\x00\x00Author 13800138000"}))
    (files / "名单.wps").write_bytes(compound({"WordDocument": "李某 身份证 11010519491231002X".encode("gbk")}))
    (files / "名单.et").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "王某13912345678".encode("gbk"))
    assert [(p.path, p.line, p.message.split("）")[0]) for p in tree()] == [
        ("records/files/名单.et", 1, "附件里有一个手机号码（139****5678"),
        ("records/files/名单.wps", 1, "附件里有一个居民身份证号（110***********002X"),
        ("records/files/签到表.xls", 1, "附件里有一个手机号码（139****5678"),
        ("records/files/通知.doc", 1, "附件里有一个手机号码（138****8000"),
        ("records/files/通知.doc", 1, "附件里有一个手机号码（139****5678")]


def test_documents_embedded_in_office_files_are_read(tree, tmp_path):
    import io
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    inner = io.BytesIO()
    _office(inner, {"xl/sharedStrings.xml": "<sst><si><t>王某 13912345678</t></si></sst>"})
    _office(files / "报告.docx", {"word/document.xml": "<w:p><w:t>见附表</w:t></w:p>",
                                  "docProps/core.xml": "<dc:creator>李某 13800138000</dc:creator>"})
    import zipfile
    with zipfile.ZipFile(files / "报告.docx", "a") as archive:
        archive.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", inner.getvalue())
    (files / "改了名的.doc").write_text("其实是文本：王某 13912345678\n", encoding="utf-8")
    assert [(p.path, p.line, p.message.split("）")[0]) for p in tree()] == [
        ("records/files/报告.docx", 1, "附件嵌入的文件里有一个手机号码（139****5678"),
        ("records/files/报告.docx", 1, "附件里有一个手机号码（138****8000"),
        ("records/files/改了名的.doc", 1, "这里有一个手机号码（139****5678")]


def test_every_file_mkdocs_yml_pulls_in_is_scanned(tree, tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "docs" / "js").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("INHERIT: config/base.yml\nsite_name: 小区\nextra_css: [extra.css]\n"
                                         "extra_javascript:\n  - path: js/site.js\n  - https://example.org/x.js\n"
                                         "theme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8")
    (tmp_path / "config" / "base.yml").write_text("copyright: 管理员\n  王某 13912345678\nINHERIT: ../more.yml\n",
                                                  encoding="utf-8")
    (tmp_path / "more.yml").write_text("extra:\n  contact: !ENV [CONTACT, 13800138000]\n", encoding="utf-8")
    (tmp_path / "extra.css").write_text("/* 联系 139-1234-5678 */\nbody {}\n", encoding="utf-8")
    (tmp_path / "docs" / "js" / "site.js").write_bytes(b"\xff\xfe" + "// 1\n// 13912345678\n".encode("utf-16-le"))
    (tmp_path / "overrides" / "partials" / "footer.html").write_text("<p>\n物业 13912345678</p>\n", encoding="utf-8")
    (tmp_path / "overrides" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + b"13912345678")
    assert [(p.path, p.line, p.code) for p in tree()] == [
        ("config/base.yml", 2, "E-PRIVACY-PHONE"), ("docs/js/site.js", 2, "E-PRIVACY-PHONE"),
        ("extra.css", 1, "E-PRIVACY-PHONE"), ("more.yml", 2, "E-PRIVACY-PHONE"),
        ("overrides/partials/footer.html", 2, "E-PRIVACY-PHONE")]
