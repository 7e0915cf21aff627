import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "../http/errors.js";
import { checkUpload, contentDisposition, DatabaseFileStorage, documentTypes, LocalFileStorage } from "./storage.js";

const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const png = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001",
  "hex",
);

describe("uploads", () => {
  it("accepts a PDF by its content", async () => {
    const checked = await checkUpload(pdf, { maxBytes: 1024, allowed: documentTypes });
    expect(checked.contentType).toBe("application/pdf");
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects a script renamed to .pdf: the bytes decide, not the name", async () => {
    const error = await checkUpload(Buffer.from("<script>alert(1)</script>"), {
      maxBytes: 1024,
      allowed: documentTypes,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("file_type_not_allowed");
  });

  it("rejects files over the size limit and empty files", async () => {
    expect((await checkUpload(pdf, { maxBytes: 10, allowed: documentTypes }).catch((e) => e)).code).toBe(
      "file_too_large",
    );
    expect((await checkUpload(Buffer.alloc(0), { maxBytes: 10, allowed: documentTypes }).catch((e) => e)).code).toBe(
      "file_empty",
    );
  });

  it("accepts only the allowed types", async () => {
    expect((await checkUpload(png, { maxBytes: 1024, allowed: ["application/pdf"] }).catch((e) => e)).code).toBe(
      "file_type_not_allowed",
    );
  });
});

describe("download names", () => {
  it("keeps umlauts for modern browsers and gives an ASCII fallback", () => {
    const header = contentDisposition("Dokumentation Fachtag Übergänge.pdf");
    expect(header).toContain('filename="Dokumentation Fachtag Uebergaenge.pdf"');
    expect(header).toContain("filename*=UTF-8''Dokumentation%20Fachtag%20%C3%9Cberg%C3%A4nge.pdf");
  });

  it("cannot be used to inject headers or paths", () => {
    const header = contentDisposition('../../etc/passwd"\r\nSet-Cookie: x=1');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).not.toContain("../");
  });
});

describe("local storage", () => {
  it("stores, reads and deletes by key and refuses unsafe keys", async () => {
    const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), "bn-files-")));
    await storage.put("docs/abc.pdf", pdf);
    expect(await storage.get("docs/abc.pdf")).toEqual(pdf);
    await storage.delete("docs/abc.pdf");
    expect(await storage.get("docs/abc.pdf")).toBeUndefined();
    await expect(storage.put("../escape.pdf", pdf)).rejects.toThrow();
  });
});

describe("file storage in the database (FILE_STORAGE=database)", () => {
  it("keeps a file where a second instance on the same database reads it", async () => {
    const { createTestApp } = await import("../../../tests/helpers/test-app.js");
    const t = await createTestApp({ FILE_STORAGE: "database" });
    try {
      expect(t.platform.storage).toBeInstanceOf(DatabaseFileStorage);
      await t.platform.storage.put("meetings/abc.pdf", pdf);
      // Another instance is another storage object on the same database; no local file exists.
      const other = new DatabaseFileStorage(t.platform.db.kysely);
      expect((await other.get("meetings/abc.pdf"))?.equals(pdf)).toBe(true);
      await other.put("meetings/abc.pdf", png);
      expect((await t.platform.storage.get("meetings/abc.pdf"))?.equals(png)).toBe(true);
      await t.platform.storage.delete("meetings/abc.pdf");
      expect(await other.get("meetings/abc.pdf")).toBeUndefined();
      await expect(other.put("../etc/passwd", pdf)).rejects.toThrow(/Unsafe/);
    } finally {
      await t.close();
    }
  });
});
