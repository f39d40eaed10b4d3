import ArgumentParser
import Foundation
import SitegenIngest
import SitegenKit

extension Sitegen {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build the site from Content/ and Templates/ into Public/.",
            discussion: "The previous Public/ stays untouched until the new site is complete."
        )

        @OptionGroup var folders: SiteFolderOptions

        @Flag(help: "Render everything, ignoring what earlier builds left behind.")
        var clean = false

        @Flag(help: "Print how long each phase took, in wall-clock and CPU time.")
        var timings = false

        func run() throws {
            var options = folders.builderOptions(clean: clean)
            if isatty(STDERR_FILENO) != 0 {
                options.progress = { done, total in
                    let end = done == total ? "\r\u{1B}[K" : ""
                    FileHandle.standardError.write("\rRendering \(done)/\(total) files…\(end)")
                }
            }
            let builder = SiteBuilder(options: options)
            do {
                let report = try Inbox.thenBuild(builder)
                for line in report.inbox.lines { print(line) }
                if timings {
                    print("  phase        wall     CPU")
                    for (phase, seconds, cpu) in report.build.timings {
                        print(
                            "  " + phase.padding(toLength: 10, withPad: " ", startingAt: 0)
                                + String(format: "%7.3f s %7.3f s", seconds, cpu))
                    }
                    if report.build.timings.count > 1 {
                        print(
                            "  pages walked for fingerprints: \(report.build.pagesFingerprinted) of \(report.build.pages)"
                        )
                    }
                }
                print(report.summary)
            } catch {
                Terminal.fail(error.errors, action: "build", keptOutput: folders.output)
            }
        }
    }
}

enum Terminal {
    /// Prints every problem to standard error and exits 1.
    static func fail(_ errors: [SitegenError], action: String, keptOutput: String? = nil) -> Never {
        var stderr = FileHandle.standardError
        for error in errors {
            print("error: \(error)", to: &stderr)
        }
        var closing = "\(action) failed: \(errors.count) problem\(errors.count == 1 ? "" : "s")"
        if let keptOutput { closing += "; \(keptOutput)/ was left as it was" }
        print(closing, to: &stderr)
        Foundation.exit(1)
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) {
        write(Data(string.utf8))
    }
}
