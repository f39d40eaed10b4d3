import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SitegenKit

/// `sitegen serve`: builds the site, serves the output folder on loopback, rebuilds on every edit
/// and reloads open pages.
public struct PreviewServer: Sendable {
    public var builder: SiteBuilder
    public var host: String
    /// 0 picks a free port (tests); `onListening` says which.
    public var port: Int
    /// How often Content/ and Templates/ are polled for changes.
    public var pollInterval: Duration = .milliseconds(300)
    /// Terminal output: build summaries and errors.
    public var log: @Sendable (String) -> Void = { print($0) }
    /// Called once the server accepts connections, with the port it listens on.
    public var onListening: @Sendable (Int) async -> Void = { _ in }

    public init(builder: SiteBuilder, host: String = "127.0.0.1", port: Int = 8080) {
        self.builder = builder
        self.host = host
        self.port = port
    }

    /// Builds, then serves until the task is cancelled or, with `stopOnSignals`, Ctrl-C.
    public func run(stopOnSignals: Bool = true) async throws {
        let liveReload = LiveReload()
        let watcher = SiteWatcher(builder: builder, liveReload: liveReload, interval: pollInterval, log: log)
        // The first build: a broken file still leaves the last good site served, with the error shown.
        await watcher.rebuild()

        // The server's own log stays quiet: failing to listen is thrown, a bad request answered.
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .critical
        let onListening = self.onListening
        let app = Application(
            responder: SiteResponder(files: SiteFiles(root: builder.options.output), liveReload: liveReload),
            server: .previewHTTP1,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [watcher],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        // Without signals (tests), cancelling the task stops the server.
        try await withTaskExecutorPreference(ServerExecutor()) {
            try await app.runService(gracefulShutdownSignals: stopOnSignals ? [.sigterm, .sigint] : [])
        }
    }
}
