import ArgumentParser
import Foundation
import SitegenKit
import SitegenServer

extension Sitegen {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Build the site, serve it for preview and rebuild it on every edit.",
            discussion: """
                Watches the content and templates folders; after an edit the site is rebuilt \
                (incrementally) and open pages reload by themselves. A failed build is shown in the \
                terminal and over the page; the last good site stays served. Stop with Ctrl-C.
                """
        )

        @Option(help: "The port to listen on.")
        var port = 8080

        @Option(help: "The address to listen on (127.0.0.1: this computer only; 0.0.0.0: every network).")
        var host = "127.0.0.1"

        @OptionGroup var folders: SiteFolderOptions

        func run() async throws {
            var server = PreviewServer(builder: SiteBuilder(options: folders.builderOptions()), host: host, port: port)
            // Unbuffered, so each build's line shows at once, also in a pipe or a log file.
            server.log = { FileHandle.standardOutput.write($0 + "\n") }
            let (content, templates, output) = (folders.content, folders.templates, folders.output)
            server.onListening = { port in
                let shown = host.contains(":") ? "[\(host)]" : host
                FileHandle.standardOutput.write(
                    "Serving \(output)/ at http://\(shown):\(port)/ — watching \(content)/ and \(templates)/; Ctrl-C stops\n"
                )
            }
            do {
                try await server.run()
            } catch {
                var stderr = FileHandle.standardError
                print("error: cannot serve on \(host):\(port): \(error)", to: &stderr)
                throw ExitCode(1)
            }
        }
    }
}
