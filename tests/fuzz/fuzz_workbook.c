/* libFuzzer harness: workbooks through the source interface (import/source.h)
 * to the end of the sheet, and a rewind. The first byte says what the rest
 * is: 0 a whole file (a zip or not), 1 an .xlsx sheet's XML, 2 its shared
 * strings, 3 its styles, 4 its workbook.xml, 5 an .ods content.xml; parts 1-5
 * are wrapped with libzip into an otherwise valid workbook, so the XML
 * streaming code, not only the zip check, sees the input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "import/source.h"

static char path[64], xlsx[64], ods[64];

static const char *const sheet =
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" "
    "t=\"inlineStr\"><is><t>b</t></is></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>45000</v>"
    "</c><c r=\"B2\" t=\"b\"><v>1</v></c></row></sheetData></worksheet>";
static const char *const sst = "<sst><si><t>a</t></si></sst>";
static const char *const styles =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
static const char *const workbook =
    "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>";
static const char *const rels =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    snprintf(path, sizeof path, "/tmp/jib-fuzz-wb-%ld.bin", (long)getpid());
    snprintf(xlsx, sizeof xlsx, "/tmp/jib-fuzz-wb-%ld.xlsx", (long)getpid());
    snprintf(ods, sizeof ods, "/tmp/jib-fuzz-wb-%ld.ods", (long)getpid());
    return 0;
}

static void add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 0);
    if (!src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0)
        abort();
}

static void read_all(const char *file)
{
    struct source *s = NULL;
    struct error err;
    struct source_options so = {0};
    if (source_open(file, &so, &s, &err) != 0)
        return;
    struct csv_record rec;
    for (int pass = 0; pass < 2; pass++) {
        while (source_next(s, &rec, &err) > 0)
            for (size_t i = 0; i < rec.count; i++)
                if (!rec.fields[i])
                    abort();
        if (source_rewind(s) != 0)
            break;
    }
    source_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int kind = data[0] % 6;
    data++, size--;
    if (kind == 0) {
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
            abort();
        read_all(path);
        unlink(path);
        return 0;
    }
    const char *target = kind == 5 ? ods : xlsx;
    int code;
    zip_t *z = zip_open(target, ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!z)
        abort();
    if (kind == 5) {
        add(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 46);
        add(z, "content.xml", data, size);
    } else {
        add(z, "xl/worksheets/sheet1.xml", kind == 1 ? (const void *)data : sheet,
            kind == 1 ? size : strlen(sheet));
        add(z, "xl/sharedStrings.xml", kind == 2 ? (const void *)data : sst,
            kind == 2 ? size : strlen(sst));
        add(z, "xl/styles.xml", kind == 3 ? (const void *)data : styles,
            kind == 3 ? size : strlen(styles));
        add(z, "xl/workbook.xml", kind == 4 ? (const void *)data : workbook,
            kind == 4 ? size : strlen(workbook));
        add(z, "xl/_rels/workbook.xml.rels", rels, strlen(rels));
    }
    if (zip_close(z) != 0)
        abort();
    read_all(target);
    unlink(target);
    return 0;
}
