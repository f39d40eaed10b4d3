import Foundation
import MustacheOracle
import SitegenKit

// Article pages per second, sitegen's compiled renderer against swift-mustache, on the same
// typed contexts, one thread, interleaved rounds, medians. Run by Benchmarks/render.sh.
//
//   RenderBenchmark CONTENT TEMPLATES [ROUNDS] [PAGES]

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: RenderBenchmark CONTENT TEMPLATES [ROUNDS] [PAGES]")
    exit(2)
}
let content = URL(fileURLWithPath: arguments[1])
let templatesFolder = URL(fileURLWithPath: arguments[2])
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
let limit = arguments.count > 4 ? Int(arguments[4]) ?? 2000 : 2000

let loaded = try ContentLoader(root: content).load()
let archive = Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site)
let site = SiteRenderer(
    archive: archive, templates: try TemplateSet(directory: templatesFolder, displayRoot: "Templates"))
let oracle = try MustacheOracle(directory: templatesFolder)
let articles = site.pages().map(\.kind).filter { if case .article = $0 { return true } else { return false } }.prefix(
    limit)

func seconds(_ work: () -> Int) -> (Double, Int) {
    let start = DispatchTime.now().uptimeNanoseconds
    let bytes = work()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, bytes)
}

@MainActor func compiled() -> Int {
    var renderer = TemplateRenderer()
    var bytes = 0
    for kind in articles {
        site.render(kind, into: &renderer)
        bytes += renderer.output.count
    }
    return bytes
}

/// What both renderers do for `{{{article.body_html}}}` that is not template work: read the body
/// and convert its Markdown (cmark), for the same articles.
@MainActor func bodies() -> Int {
    var bytes = 0
    for kind in articles {
        guard case .article(let index) = kind else { continue }
        bytes += Markdown.html(archive.articles[index].body, allowRawHTML: archive.site.unsafeHTML).utf8.count
    }
    return bytes
}

@MainActor func swiftMustache() -> Int {
    var bytes = 0
    for kind in articles { bytes += oracle.render(site.view(for: kind), with: kind.template).utf8.count }
    return bytes
}

// `PROFILE=compiled` renders with the compiled renderer only, for perf.
if ProcessInfo.processInfo.environment["PROFILE"] == "compiled" {
    for _ in 0..<rounds { _ = compiled() }
    exit(0)
}

var compiledTimes: [Double] = []
var oracleTimes: [Double] = []
var bodyTimes: [Double] = []
_ = compiled()
_ = swiftMustache()
_ = bodies()  // warm up
for _ in 0..<rounds {
    let (a, bytesA) = seconds(compiled)
    let (b, bytesB) = seconds(swiftMustache)
    precondition(bytesA == bytesB, "the renderers disagree: \(bytesA) vs \(bytesB) bytes")
    compiledTimes.append(a)
    oracleTimes.append(b)
    bodyTimes.append(seconds(bodies).0)
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
let fast = Double(articles.count) / median(compiledTimes)
let slow = Double(articles.count) / median(oracleTimes)
print("article.mustache, \(articles.count) article pages, \(rounds) interleaved rounds, one thread (medians)")
print(String(format: "compiled renderer: %9.0f pages/s", fast))
print(String(format: "swift-mustache:    %9.0f pages/s", slow))
print(String(format: "ratio:             %9.1fx", fast / slow))
// The body's Markdown conversion is the same work inside both; without it, the templates alone.
let body = median(bodyTimes)
let count = Double(articles.count)
print(
    String(
        format: "body conversion:   %9.0f pages/s (%.0f%% of the compiled renderer's time)", count / body,
        100 * body / median(compiledTimes)))
print(
    String(
        format: "ratio without it:  %9.1fx (template work only: both medians less the conversion's)",
        (median(oracleTimes) - body) / (median(compiledTimes) - body)))
