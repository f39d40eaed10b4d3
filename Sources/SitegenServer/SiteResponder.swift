import Foundation
import Hummingbird
import ServiceLifecycle

/// Answers every request: the live-reload endpoints, then files of the built site.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let files: SiteFiles
    let liveReload: LiveReload

    /// Request targets longer than this are refused with 414.
    static let maximumTargetLength = 8192

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        // Longer than any page's address by far (RFC 9112 §3 asks servers to take 8,000 octets).
        guard (request.head.path?.utf8.count ?? 0) <= Self.maximumTargetLength else {
            return Response(status: .uriTooLong, headers: [.connection: "close", .contentLength: "0"])
        }
        let path = request.uri.path
        switch path {
        case LiveReload.eventsPath: return await events()
        case LiveReload.scriptPath:
            return Self.response(
                .ok, Data(LiveReload.script.utf8), type: "application/javascript; charset=utf-8",
                head: request.method == .head)
        default: break
        }
        switch files.resolve(path) {
        case .redirect(let location):
            let query = request.uri.query.map { "?" + $0 } ?? ""
            return Response(status: .found, headers: [.location: location + query, .cacheControl: "no-store"])
        case .file(let file, let type):
            var answer = FileAnswer()
            if type.hasPrefix("text/html") { answer.transform = { LiveReload.inject(into: $0) } }
            return answer.response(path: file, type: type, to: request) ?? notFound(head: request.method == .head)
        case .notFound:
            return notFound(head: request.method == .head)
        }
    }

    /// The site's own 404.html (with the reload script, so it too recovers after a fix).
    private func notFound(head: Bool) -> Response {
        if let page = files.notFoundPage, let data = FileManager.default.contents(atPath: page) {
            return Self.response(.notFound, LiveReload.inject(into: data), type: "text/html; charset=utf-8", head: head)
        }
        // No site yet (the first build failed): a bare page that still shows the error and reloads.
        let bare = Data(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>404</title></head>\n<body><h1>404</h1></body></html>\n"
                .utf8)
        return Self.response(.notFound, LiveReload.inject(into: bare), type: "text/html; charset=utf-8", head: head)
    }

    private func events() async -> Response {
        let stream = await liveReload.subscribe()
        let liveReload = self.liveReload
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // Tells EventSource how soon to reconnect after the server restarts.
                try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
                // The server waits for open requests when it stops (Ctrl-C): end the stream then.
                try await withGracefulShutdownHandler {
                    for await event in stream {
                        try await writer.write(ByteBuffer(string: event.wire))
                    }
                } onGracefulShutdown: {
                    Task { await liveReload.finishAll() }
                }
                try await writer.finish(nil)
            })
    }

    static func response(_ status: HTTPResponse.Status, _ data: Data, type: String, head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        headers[.contentLength] = String(data.count)
        let body = head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        return Response(status: status, headers: headers, body: body)
    }
}
