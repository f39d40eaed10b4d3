import Foundation
import ServiceLifecycle
import SitegenIngest
import SitegenKit

/// Polls `Content/` and `Templates/` for changes, rebuilds once they have settled, and tells open
/// pages. Polling file stamps (a few milliseconds for thousands of files) works on every system
/// and every editor's way of saving.
struct SiteWatcher: Service {
    let builder: SiteBuilder
    let liveReload: LiveReload
    let interval: Duration
    let log: @Sendable (String) -> Void

    var folders: [URL] { [builder.options.content, builder.options.templates] }

    func run() async throws {
        await withGracefulShutdownHandler {
            try? await cancelWhenGracefulShutdown { try await watch() }
        } onGracefulShutdown: {
            Task { await liveReload.finishAll() }
        }
    }

    private func watch() async throws {
        var seen = SourceSnapshot.digest(of: folders)
        while true {
            try await Task.sleep(for: interval)
            var current = SourceSnapshot.digest(of: folders)
            guard current != seen else { continue }
            // Debounce: an editor saving many files (or git checking out) settles first.
            while true {
                try await Task.sleep(for: interval)
                let again = SourceSnapshot.digest(of: folders)
                if again == current { break }
                current = again
            }
            seen = current
            await rebuild()
        }
    }

    /// Builds once; reports to the terminal and to open pages. Never throws: a broken file is
    /// something to show, and the next edit tries again.
    func rebuild() async {
        let builder = self.builder
        let result: Result<Inbox.Build, SitegenErrors> = await withCheckedContinuation { done in
            // The build is synchronous and uses every core; keep it off the server's threads.
            DispatchQueue.global().async {
                done.resume(returning: Result { () throws(SitegenErrors) in try Inbox.thenBuild(builder) })
            }
        }
        switch result {
        case .success(let report):
            for line in report.inbox.lines { log(line) }
            log(report.summary)
            // A save that changed nothing in the site (or a touch) does not reload the pages,
            // unless they are showing an error.
            let showingError = await liveReload.lastError != nil
            if report.build.filesWritten > 0 || showingError {
                await liveReload.send(.reload)
            }
        case .failure(let errors):
            let text = errors.errors.map { "error: \($0)" }.joined(separator: "\n")
            log(
                text
                    + "\nbuild failed: \(errors.errors.count) problem\(errors.errors.count == 1 ? "" : "s"); serving the last good build"
            )
            await liveReload.send(.failed(text))
        }
    }
}
