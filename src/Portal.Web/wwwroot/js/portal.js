// Small browser helpers the portal calls through JS interop.
window.portal = {
  // The viewer's IANA time zone, so pages and exports show times where the viewer is.
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",

  // Downloads in progress, by id, so that they can be cancelled.
  _downloads: new Map(),

  // Downloads an export with fetch (adding tz=<the viewer's zone> unless the URL has it), reports the bytes received and the
  // server's row count (X-Export-Rows) to dotnet.invokeMethodAsync("ReportProgress", bytes, rows) at most every 250 ms,
  // then saves the file under the server's name. Never throws: returns { ok, fileName, bytes } or { ok: false, cancelled, message }.
  download: async (id, url, dotnet) => {
    const controller = new AbortController();
    window.portal._downloads.set(id, controller);
    try {
      const target = new URL(url, document.baseURI);
      if (!target.searchParams.has("tz")) {
        target.searchParams.set("tz", window.portal.timeZone());
      }
      const response = await fetch(target, { credentials: "same-origin", redirect: "manual", signal: controller.signal });
      if (response.type === "opaqueredirect" || response.status === 401) {
        return { ok: false, message: "Your session has ended. Reload the page to sign in again." };
      }
      if (!response.ok || !response.body) {
        const text = (await response.text()).slice(0, 500);
        return { ok: false, message: text || `The export failed (HTTP ${response.status}).` };
      }
      const header = response.headers.get("X-Export-Rows");
      const rows = header === null || isNaN(Number(header)) ? null : Number(header);
      const reader = response.body.getReader();
      const chunks = [];
      let received = 0;
      let reported = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        chunks.push(value);
        received += value.length;
        const now = performance.now();
        if (dotnet && now - reported >= 250) {
          reported = now;
          dotnet.invokeMethodAsync("ReportProgress", received, rows).catch(() => { });
        }
      }
      const fileName = window.portal._fileName(response.headers.get("Content-Disposition")) || "export.xlsx";
      const blob = new Blob(chunks, { type: response.headers.get("Content-Type") || "application/octet-stream" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      link.style.display = "none";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      return { ok: true, fileName, bytes: received };
    } catch (error) {
      if (error && error.name === "AbortError") {
        return { ok: false, cancelled: true, message: "Export cancelled." };
      }
      return { ok: false, message: "The download stopped: " + (error && error.message ? error.message : error) + ". Try again." };
    } finally {
      window.portal._downloads.delete(id);
    }
  },

  cancelDownload: (id) => window.portal._downloads.get(id)?.abort(),

  // Submits a form as its own submit button would (Components/Shared/LogoutButton in a menu, where it is a menu item).
  submitForm: (form) => form.requestSubmit(),

  // The file name from a Content-Disposition header (filename*=UTF-8''… first, then filename=…).
  _fileName: (header) => {
    if (!header) {
      return null;
    }
    const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
    if (encoded) {
      try {
        return decodeURIComponent(encoded[1].trim());
      } catch {
        // fall through to the plain name
      }
    }
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
    return plain ? (plain[2] ?? plain[1]).trim() : null;
  },
};
