import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// The HTTP/1 child channel of `sitegen serve`: Hummingbird's, with `HTTP1Connections` placed
/// where the HTTP version is still known (between NIO's HTTP/1 codec and the conversion to
/// version-less HTTP types, which would answer every request as HTTP/1.1 and keep it open).
struct PreviewHTTP1Channel: ServerChildChannel {
    let inner: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            try operations.addHandler(
                HTTP1Connections(), position: .before(operations.handler(type: HTTP1ToHTTPServerCodec.self)))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.0 and 1.1 as RFC 9112 §9.3 has them (see `HTTP1Connections`).
    static var previewHTTP1: HTTPServerBuilder {
        .init { responder in PreviewHTTP1Channel(inner: HTTP1Channel(responder: responder)) }
    }
}

/// Keeps or closes each connection as its requests ask (RFC 9112 §9.3): an HTTP/1.0 request
/// without `Connection: keep-alive`, or any with `Connection: close`, is answered in its own
/// version with `Connection: close`, and the connection is closed once the answer is sent; an
/// HTTP/1.0 request that asks for keep-alive is told `Connection: keep-alive` and the connection
/// stays open. Hummingbird itself stops reading after a request that says `close`, so such
/// requests are passed on saying so.
final class HTTP1Connections: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    struct Exchange {
        var version: HTTPVersion
        var keepAlive: Bool
        var isHead: Bool
    }

    /// Requests read and not yet answered, oldest first (a client may pipeline them).
    private var waiting: [Exchange] = []
    /// Whether the connection closes after the answer being written.
    private var closesAfterAnswer = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        let exchange = Exchange(version: head.version, keepAlive: head.isKeepAlive, isHead: head.method == .HEAD)
        waiting.append(exchange)
        if !exchange.keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            // No request read (a request Hummingbird could not parse): answer as 1.1 and close.
            let exchange =
                waiting.isEmpty ? Exchange(version: .http1_1, keepAlive: false, isHead: false) : waiting.removeFirst()
            head.version = exchange.version
            closesAfterAnswer = !Self.persists(exchange, answer: head)
            if closesAfterAnswer {
                head.headers.replaceOrAdd(name: "connection", value: "close")
            } else if exchange.version == .http1_0 {
                head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            let end = promise ?? context.eventLoop.makePromise()
            if closesAfterAnswer {
                let channel = context.channel
                end.futureResult.whenComplete { _ in channel.close(promise: nil) }
            }
            context.write(data, promise: end)
        }
    }

    /// Whether the connection stays open after `answer`: the request asked for it, the answer does
    /// not refuse it, and the answer's end can be told without closing (HTTP/1.0 has no chunks, so
    /// a body of unknown length ends with the connection).
    static func persists(_ exchange: Exchange, answer: HTTPResponseHead) -> Bool {
        guard exchange.keepAlive,
            !answer.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "close" })
        else {
            return false
        }
        if exchange.version == .http1_0 {
            let bodiless =
                exchange.isHead || answer.status == .notModified || answer.status == .noContent
                || answer.status.code < 200
            return bodiless || answer.headers["content-length"].first != nil
        }
        return true
    }
}
