import Foundation

/// Tells open pages that the site changed (reload) or that the last build failed (show the error),
/// as Server-Sent Events on `LiveReload.eventsPath`.
actor LiveReload {
    static let eventsPath = "/_sitegen/events"
    static let scriptPath = "/_sitegen/live.js"

    enum Event: Sendable, Equatable {
        case reload
        case failed(String)
        /// Sent on connecting while the site builds fine, so a page showing an error overlay from
        /// before a restart clears it.
        case ok

        /// The event as the stream carries it: every line of the text gets its own `data:` line.
        var wire: String {
            switch self {
            case .reload: return "event: reload\ndata: \n\n"
            case .ok: return "event: ok\ndata: \n\n"
            case .failed(let text):
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                return "event: failed\n"
                    + lines.map { "data: " + $0.replacingOccurrences(of: "\r", with: "") + "\n" }.joined() + "\n"
            }
        }
    }

    private var listeners: [UUID: AsyncStream<Event>.Continuation] = [:]
    private(set) var lastError: String?

    /// A stream of events for one open page, starting with the site's current state.
    func subscribe() -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        continuation.yield(lastError.map(Event.failed) ?? .ok)
        listeners[id] = continuation
        return stream
    }

    func send(_ event: Event) {
        if case .failed(let text) = event { lastError = text } else { lastError = nil }
        for continuation in listeners.values { continuation.yield(event) }
    }

    /// Ends every stream, so a shutting-down server has no request left open.
    func finishAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }

    private func remove(_ id: UUID) {
        listeners[id] = nil
    }

    /// Puts the reload script into an HTML page (served pages only; the files in the site stay as
    /// they are).
    static func inject(into html: Data) -> Data {
        let tag = Data("<script src=\"\(scriptPath)\"></script>\n".utf8)
        guard let end = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: end.lowerBound)
        return result
    }

    /// Listens to the events; shows a failed build over the page (as text, never as HTML) and
    /// reloads once a build succeeds. EventSource reconnects by itself after a server restart.
    static let script = """
        // sitegen serve: live reload (served only by the preview server, never published).
        (function () {
          "use strict";
          if (!window.EventSource) { return; }
          var overlay = null;
          var failed = false;
          function show(text) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "sitegen-error";
              overlay.setAttribute("role", "alert");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:14px/1.5 monospace;white-space:pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "sitegen build failed (the page shows the last good build):\\n\\n" + text;
          }
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("failed", function (event) { failed = true; show(event.data); });
          source.addEventListener("ok", function () { if (failed) { window.location.reload(); } });
          source.addEventListener("reload", function () { window.location.reload(); });
        })();

        """
}
