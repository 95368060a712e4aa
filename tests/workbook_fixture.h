/* Builds small .xlsx and .ods files for the workbook suites, part by part with
 * libzip, so every cell's XML is visible in the test that uses it. */
#ifndef JIB_TEST_WORKBOOK_FIXTURE_H
#define JIB_TEST_WORKBOOK_FIXTURE_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Writes a zip holding parts: name, content, name, content, ..., NULL. */
static inline void wbfx_zip(const char *path, const char *const *parts)
{
    int code = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    cr_assert_not_null(z, "zip_open %s: %d", path, code);
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *src = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
        cr_assert_not_null(src);
        cr_assert(zip_file_add(z, parts[i], src, ZIP_FL_OVERWRITE) >= 0, "%s", zip_strerror(z));
    }
    cr_assert_eq(zip_close(z), 0, "zip_close %s", path);
}

/* One sheet: its name, state ("visible", "hidden", "veryHidden" or NULL) and
 * what goes inside <sheetData>, then anything after it (mergeCells...). */
struct wbfx_sheet {
    const char *name, *state, *rows, *after;
};

/* Cell styles (the s attribute): 0 General, 1 built-in date 14, 2 custom
 * dd/mm/yyyy, 3 custom `0.0" days"` (a number, though it has a d), 4 custom
 * yyyy-mm-dd hh:mm, 5 built-in 0.00. */
#define WBFX_STYLES                                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                           \
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"       \
    "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"               \
    "<numFmt numFmtId=\"165\" formatCode=\"0.0&quot; days&quot;\"/>"                          \
    "<numFmt numFmtId=\"166\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm\"/></numFmts>"               \
    "<cellXfs count=\"6\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>" \
    "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\"/>"                   \
    "<xf numFmtId=\"166\"/><xf numFmtId=\"2\"/></cellXfs></styleSheet>"

/* Writes an .xlsx; sst is the <si> elements of the shared strings (or NULL). */
static inline void wbfx_xlsx(const char *path, bool date1904, const char *sst,
                             const struct wbfx_sheet *sheets, size_t n)
{
    static char wb[8192], rels[8192], sstx[65536], names[8][64];
    static char *sheet_xml[8];
    cr_assert(n <= 8);
    int w = snprintf(wb, sizeof wb,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                     "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                     "<workbookPr%s/><sheets>", date1904 ? " date1904=\"1\"" : "");
    int r = snprintf(rels, sizeof rels,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
    const char *parts[64];
    size_t np = 0;
    for (size_t i = 0; i < n; i++) {
        w += snprintf(wb + w, sizeof wb - (size_t)w,
                      "<sheet name=\"%s\" sheetId=\"%zu\"%s%s%s r:id=\"rId%zu\"/>", sheets[i].name,
                      i + 1, sheets[i].state ? " state=\"" : "",
                      sheets[i].state ? sheets[i].state : "", sheets[i].state ? "\"" : "", i + 1);
        r += snprintf(rels + r, sizeof rels - (size_t)r,
                      "<Relationship Id=\"rId%zu\" Type=\"http://schemas.openxmlformats.org/"
                      "officeDocument/2006/relationships/worksheet\" "
                      "Target=\"worksheets/sheet%zu.xml\"/>", i + 1, i + 1);
        size_t len = strlen(sheets[i].rows) + (sheets[i].after ? strlen(sheets[i].after) : 0) + 512;
        sheet_xml[i] = malloc(len);
        snprintf(sheet_xml[i], len,
                 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                 "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                 "<sheetData>%s</sheetData>%s</worksheet>", sheets[i].rows,
                 sheets[i].after ? sheets[i].after : "");
        snprintf(names[i], sizeof names[i], "xl/worksheets/sheet%zu.xml", i + 1);
        parts[np++] = names[i];
        parts[np++] = sheet_xml[i];
    }
    snprintf(wb + w, sizeof wb - (size_t)w, "</sheets></workbook>");
    snprintf(rels + r, sizeof rels - (size_t)r, "</Relationships>");
    snprintf(sstx, sizeof sstx,
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
             "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">%s</sst>",
             sst ? sst : "");
    parts[np++] = "xl/workbook.xml";
    parts[np++] = wb;
    parts[np++] = "xl/_rels/workbook.xml.rels";
    parts[np++] = rels;
    parts[np++] = "xl/styles.xml";
    parts[np++] = WBFX_STYLES;
    parts[np++] = "xl/sharedStrings.xml";
    parts[np++] = sstx;
    parts[np] = NULL;
    wbfx_zip(path, parts);
    for (size_t i = 0; i < n; i++)
        free(sheet_xml[i]);
}

/* Writes an .ods whose content.xml body (inside office:spreadsheet) is tables,
 * with automatic styles (table styles that may hide a table). */
static inline void wbfx_ods(const char *path, const char *styles, const char *tables)
{
    size_t len = strlen(tables) + (styles ? strlen(styles) : 0) + 1024;
    char *content = malloc(len);
    snprintf(content, len,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
             "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
             "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
             "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
             "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">"
             "<office:automatic-styles>%s</office:automatic-styles>"
             "<office:body><office:spreadsheet>%s</office:spreadsheet></office:body>"
             "</office:document-content>", styles ? styles : "", tables);
    const char *parts[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                           "content.xml", content, NULL};
    wbfx_zip(path, parts);
    free(content);
}

#endif
