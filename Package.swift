// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenKit", targets: ["SitegenKit"]),
        .library(name: "SitegenIngest", targets: ["SitegenIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // Already under Hummingbird; named for the HTTP/1 connection handler of `sitegen serve`.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.0.0"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev; `make` installs it when missing.
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libxml2's HTML parser from Debian's libxml2-dev, for `sitegen ingest` of scraped pages.
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libdeflate from Debian's libdeflate-dev: the search index is stored deflated (zlib's
        // format), and libdeflate makes it in half zlib's time, no bigger.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        // libvips from Debian's libvips-dev: scans and photos are shrunk for the site. Opened at
        // the first image, not linked (see shim.h): only GLib's include paths are needed to build.
        .systemLibrary(
            name: "CVips",
            path: "Sources/CVips",
            pkgConfig: "glib-2.0",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "SitegenKit",
            dependencies: [
                "CMark",
                "CDeflate",
                "CVips",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `sitegen ingest` and the inbox: scraped e-paper pages → Content. Kept apart so the build
        // library does not depend on libxml2, and data flows one way (ingest writes Content, the
        // build reads it).
        .target(
            name: "SitegenIngest",
            dependencies: ["SitegenKit", "CLibXML2"]
        ),
        // `sitegen serve`: the preview server, kept apart so SitegenKit stays free of SwiftNIO.
        .target(
            name: "SitegenServer",
            dependencies: [
                "SitegenKit",
                "SitegenIngest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenKit",
                "SitegenIngest",
                "SitegenServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // swift-mustache, the renderer sitegen used before its own: the oracle the compiled
        // renderer's output is compared with (tests) and its speed measured against (benchmark).
        .target(
            name: "MustacheOracle",
            dependencies: ["SitegenKit", .product(name: "Mustache", package: "swift-mustache")],
            path: "Tests/MustacheOracle"
        ),
        .testTarget(
            name: "SitegenKitTests",
            // Yams: the YAML limits are tested against what Yams itself parses.
            dependencies: [
                "SitegenKit", "SitegenIngest", "SitegenServer", "MustacheOracle",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)

// The render microbenchmark (Benchmarks/render.sh): only declared when asked for, so neither it nor
// swift-mustache is part of a plain `swift build`.
if Context.environment["SITEGEN_BENCH"] == "1" {
    package.products.append(.executable(name: "RenderBenchmark", targets: ["RenderBenchmark"]))
    package.targets.append(
        .executableTarget(
            name: "RenderBenchmark", dependencies: ["SitegenKit", "MustacheOracle"],
            path: "Benchmarks/RenderBenchmark"))
}

// libFuzzer targets (see Fuzz/README.md). They have no `main` of their own (libFuzzer supplies it
// under `-sanitize=fuzzer`), so they would break a plain `swift build`: only declared when asked for.
if Context.environment["SITEGEN_FUZZ"] == "1" {
    package.products.append(.executable(name: "FuzzFrontMatter", targets: ["FuzzFrontMatter"]))
    package.targets.append(
        .executableTarget(
            name: "FuzzFrontMatter", dependencies: ["SitegenKit", .product(name: "Yams", package: "Yams")],
            path: "Fuzz/FuzzFrontMatter"))
    package.products.append(.executable(name: "FuzzIngest", targets: ["FuzzIngest"]))
    package.targets.append(
        .executableTarget(name: "FuzzIngest", dependencies: ["SitegenKit", "SitegenIngest"], path: "Fuzz/FuzzIngest"))
}
