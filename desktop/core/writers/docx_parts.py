"""The fixed parts of an Amends DOCX: styles, bullets, settings, relationships, properties.

Built once per page setup and reused for every letter of a run. The styles use Word's own
names (Normal, Date, Inside Address, Salutation, List Bullet, Closing, Signature, Strong,
Emphasis, Heading 3) plus a Letterhead and a Subject style, so a user who restyles one
letter in Word can restyle them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.writers.wordml import xml_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOC_NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_TWIPS_PER_MM = 1440 / 25.4
PAGE_SIZES_TWIPS = {"A4": (11906, 16838), "Letter": (12240, 15840)}
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR"})


@dataclass(frozen=True)
class PageSetup:
    size: str = "A4"
    """"A4" or "Letter"."""
    margins_mm: tuple[float, float, float, float] = (20.0, 22.0, 20.0, 22.0)
    """Top, right, bottom, left."""

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES_TWIPS:
            raise ValueError(f"page size must be A4 or Letter, not {self.size!r}")
        if any(m < 0 or m > 80 for m in self.margins_mm):
            raise ValueError("margins must be between 0 and 80 mm")

    @classmethod
    def for_locale(cls, locale: str) -> PageSetup:
        """Letter paper where it is the norm (the US, Canada, Mexico, the Philippines), A4 elsewhere."""
        region = locale.replace("-", "_").split("_")[-1].upper() if "_" in locale or "-" in locale else ""
        return cls(size="Letter" if region in LETTER_REGIONS else "A4")

    def section_xml(self) -> str:
        width, height = PAGE_SIZES_TWIPS[self.size]
        top, right, bottom, left = (round(m * _TWIPS_PER_MM) for m in self.margins_mm)
        return (
            f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
            'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
        )


def document_head() -> str:
    return f"{XML_DECLARATION}<w:document {DOC_NAMESPACES}><w:body>"


def document_tail(page: PageSetup) -> str:
    return f"{page.section_xml()}</w:body></w:document>"


def content_types(image_extension: str | None) -> str:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    image = ""
    if image_extension:
        mime = "image/png" if image_extension == "png" else "image/jpeg"
        image = f'<Default Extension="{image_extension}" ContentType="{mime}"/>'
    return (
        f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{image}'
        f'<Override PartName="/word/document.xml" ContentType="{wml}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{wml}.styles+xml"/>'
        f'<Override PartName="/word/numbering.xml" ContentType="{wml}.numbering+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{wml}.settings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    f'{XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

LOGO_RELATIONSHIP_ID = "rIdLogo"


def document_rels(image_name: str | None) -> str:
    image = (
        f'<Relationship Id="{LOGO_RELATIONSHIP_ID}" Type="{_REL}/image" Target="media/{image_name}"/>'
        if image_name
        else ""
    )
    return (
        f'{XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/settings" Target="settings.xml"/>{image}'
        "</Relationships>"
    )


def core_properties(
    title: str, subject: str, author: str, created: dt.datetime, description: str = ""
) -> str:
    stamp = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    comments = f"<dc:description>{xml_text(description)}</dc:description>" if description else ""
    return (
        f"{XML_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:subject>{xml_text(subject)}</dc:subject>"
        f"<dc:creator>{xml_text(author)}</dc:creator><cp:lastModifiedBy>{xml_text(author)}</cp:lastModifiedBy>"
        f"{comments}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_properties(version: str) -> str:
    return (
        f"{XML_DECLARATION}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>Amends</Application><AppVersion>{xml_text(version)}</AppVersion></Properties>"
    )


NUMBERING_XML = (
    f'{XML_DECLARATION}<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)

SETTINGS_XML = (
    f'{XML_DECLARATION}<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:val="15" '
    'w:uri="http://schemas.microsoft.com/office/word"/>'
    "</w:compat></w:settings>"
)

_ACCENT = "1F3A5F"
_MUTED = "5A5A5A"


def _paragraph_style(style_id: str, name: str, ppr: str = "", rpr: str = "", builtin: bool = True) -> str:
    custom = "" if builtin else ' w:customStyle="1"'
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"{custom}><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def styles_xml(language: str) -> str:
    """Word's styles for a letter; `language` ("en-GB") drives the spelling checker in Word."""
    lang = xml_text(language or "en-GB")
    return (
        f'{XML_DECLARATION}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>'
        f'<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="160" w:line="276" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "<w:pPr><w:widowControl/></w:pPr></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        + _paragraph_style(
            "Letterhead",
            "Letterhead",
            '<w:spacing w:after="40"/>',
            f'<w:b/><w:color w:val="{_ACCENT}"/><w:sz w:val="34"/><w:szCs w:val="34"/>',
            builtin=False,
        )
        + _paragraph_style(
            "LetterheadDetails",
            "Letterhead Details",
            f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="6" w:color="{_ACCENT}"/></w:pBdr>'
            '<w:spacing w:after="360" w:line="240" w:lineRule="auto"/>',
            f'<w:color w:val="{_MUTED}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
            builtin=False,
        )
        + _paragraph_style("Date", "Date", '<w:spacing w:after="240"/>')
        + _paragraph_style(
            "InsideAddress", "Inside Address", '<w:spacing w:after="240" w:line="252" w:lineRule="auto"/>'
        )
        + _paragraph_style(
            "Subject",
            "Subject",
            '<w:keepNext/><w:spacing w:before="120" w:after="240"/>',
            "<w:b/><w:bCs/>",
            builtin=False,
        )
        + _paragraph_style("Salutation", "Salutation", '<w:keepNext/><w:spacing w:after="200"/>')
        + _paragraph_style(
            "Heading3",
            "heading 3",
            '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/>',
            f'<w:b/><w:bCs/><w:color w:val="{_ACCENT}"/>',
        )
        + _paragraph_style(
            "ListBullet",
            "List Bullet",
            '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="80"/>'
            '<w:ind w:left="357" w:hanging="357"/>',
        )
        + _paragraph_style(
            "Closing", "Closing", '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="0"/>'
        )
        + _paragraph_style(
            "Signature",
            "Signature",
            '<w:keepLines/><w:spacing w:before="600" w:after="0" w:line="252" w:lineRule="auto"/>',
        )
        + '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:basedOn '
        'w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:basedOn '
        'w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>'
        "</w:styles>"
    )
