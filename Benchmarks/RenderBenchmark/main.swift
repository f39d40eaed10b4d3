import Foundation
import MustacheOracle
import SitegenKit

// Article pages per second, sitegen's compiled renderer against swift-mustache, on the same
// typed contexts, one thread, interleaved rounds, medians of the thread's CPU time. Run by
// Benchmarks/render.sh.
//
//   RenderBenchmark CONTENT TEMPLATES [ROUNDS] [PAGES]
//
// Two pairs of figures:
// - with bodies: pages as a build renders them; each article's body is read from its file and its
//   Markdown converted (`Markdown.appendHTML`) for `{{{body_html}}}`, the same work on both sides;
// - template work only: both renderers given the same body HTML, converted before timing.

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
let templates = try TemplateSet(directory: templatesFolder, displayRoot: "Templates")
let site = SiteRenderer(archive: archive, templates: templates)
let articles = site.pages().map(\.kind).filter { if case .article = $0 { return true } else { return false } }.prefix(
    limit)
/// Each article's body as HTML, made once: what `{{{body_html}}}` shows.
@MainActor func bodyHTML(_ index: Int) -> String {
    Markdown.html(archive.articles[index].body, allowRawHTML: archive.site.unsafeHTML)
}
let preconverted = SiteRenderer(
    archive: archive, templates: templates, bodiesHTML: archive.articles.indices.map(bodyHTML))
let oracle = try MustacheOracle(directory: templatesFolder)

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The thread's CPU time and the wall time `work` takes, and what it returns.
@MainActor func measure(_ work: () -> Int) -> (cpu: Double, wall: Double, bytes: Int) {
    func cpuNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let (cpu, wall) = (cpuNow(), DispatchTime.now().uptimeNanoseconds)
    let bytes = work()
    return (cpuNow() - cpu, Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9, bytes)
}

@MainActor func compiled(_ site: SiteRenderer) -> Int {
    var renderer = TemplateRenderer()
    var bytes = 0
    for kind in articles {
        site.render(kind, into: &renderer)
        bytes += renderer.output.count
    }
    return bytes
}

@MainActor func swiftMustache(_ site: SiteRenderer) -> Int {
    var bytes = 0
    for kind in articles { bytes += oracle.render(site.view(for: kind), with: kind.template).utf8.count }
    return bytes
}

/// What `{{{body_html}}}` costs on both sides in a build: read the body, convert its Markdown.
@MainActor func bodies() -> Int {
    var bytes = 0
    for kind in articles {
        guard case .article(let index) = kind else { continue }
        bytes += bodyHTML(index).utf8.count
    }
    return bytes
}

/// The two halves of that: reading the bodies (from their files), and converting bodies already read.
@MainActor func bodyReads() -> Int {
    var bytes = 0
    for kind in articles {
        guard case .article(let index) = kind else { continue }
        bytes += archive.articles[index].body.utf8.count
    }
    return bytes
}
let markdown = archive.articles.map(\.body)
@MainActor func conversions() -> Int {
    var bytes = 0
    for kind in articles {
        guard case .article(let index) = kind else { continue }
        bytes += Markdown.html(markdown[index], allowRawHTML: archive.site.unsafeHTML).utf8.count
    }
    return bytes
}

// `PROFILE=compiled` (or `preconverted`) renders with the compiled renderer only, for perf;
// `PROFILE=fingerprints` makes every page's fingerprint, as each build does, and prints the time.
switch ProcessInfo.processInfo.environment["PROFILE"] {
case "fingerprints":
    let pages = site.pages()
    func processCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    var walls: [Double] = []
    var cpus: [Double] = []
    for _ in 0..<rounds {
        let cpu = processCPU()
        let result = measure { site.fingerprints(pages).reduce(0, ^).hashValue & 1 }
        cpus.append(processCPU() - cpu)
        walls.append(result.wall)
    }
    print(
        String(
            format: "fingerprints of %d pages: %.1f ms wall, %.1f ms CPU (medians of %d)", pages.count,
            median(walls) * 1000, median(cpus) * 1000, rounds))
    exit(0)
case "markdown":
    // Each body read before, converted `rounds` times: nanoseconds per body.
    let bodies = articles.compactMap { kind -> String? in
        guard case .article(let index) = kind else { return nil }
        return archive.articles[index].body
    }
    let result = measure {
        var bytes = 0
        for _ in 0..<rounds { for body in bodies { bytes += Markdown.html(body).utf8.count } }
        return bytes
    }
    print(String(format: "%.0f ns a body (%d bodies)", result.cpu * 1e9 / Double(rounds * bodies.count), bodies.count))
    exit(0)
case "compiled":
    for _ in 0..<rounds { _ = compiled(site) }
    exit(0)
case "preconverted":
    for _ in 0..<rounds { _ = compiled(preconverted) }
    exit(0)
default: break
}

let runs: [(name: String, work: () -> Int)] = [
    ("compiled, with bodies", { compiled(site) }),
    ("swift-mustache, with bodies", { swiftMustache(site) }),
    ("compiled, template work only", { compiled(preconverted) }),
    ("swift-mustache, template work only", { swiftMustache(preconverted) }),
    ("body read and conversion alone", bodies),
    ("body read alone", bodyReads),
    ("conversion of bodies read before", conversions),
]
for run in runs { _ = run.work() }  // warm up
var cpu = Array(repeating: [Double](), count: runs.count)
var wall = Array(repeating: [Double](), count: runs.count)
for _ in 0..<rounds {
    var bytes: [Int] = []
    for (index, run) in runs.enumerated() {
        let result = measure(run.work)
        cpu[index].append(result.cpu)
        wall[index].append(result.wall)
        bytes.append(result.bytes)
    }
    // Said on stderr before stopping: a release build's precondition drops its message.
    guard bytes[0] == bytes[1] && bytes[1] == bytes[2] && bytes[2] == bytes[3] else {
        FileHandle.standardError.write(Data("the renderers disagree: \(bytes[0...3]) bytes\n".utf8))
        exit(1)
    }
}
let pages = Double(articles.count)
let rate = cpu.map { pages / median($0) }
let wallRate = wall.map { pages / median($0) }
print("article.mustache, \(articles.count) article pages, \(rounds) interleaved rounds, one thread")
print("pages per second of the thread's CPU time (medians; wall-time figures in brackets)")
print("                        compiled      swift-mustache   ratio")
for (label, pair) in [("with bodies:        ", 0), ("template work only: ", 2)] {
    print(
        label
            + String(
                format: " %9.0f (%6.0f) %9.0f (%6.0f) %6.1fx (%4.1fx)", rate[pair], wallRate[pair], rate[pair + 1],
                wallRate[pair + 1], rate[pair] / rate[pair + 1], wallRate[pair] / wallRate[pair + 1]))
}
print(
    String(
        format:
            "body read and Markdown conversion alone: %.0f pages/s, %.0f%% of the compiled renderer's time with bodies",
        rate[4], 100 * median(cpu[4]) / median(cpu[0])))
print(
    String(
        format:
            "of which reading the body from its file: %.0f%%; converting a body already read (to HTML, as a String): %.0f%%",
        100 * median(cpu[5]) / median(cpu[4]), 100 * median(cpu[6]) / median(cpu[4])))
