// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenKit", targets: ["SitegenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
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
        // zlib from Debian's zlib1g-dev: the search index is stored deflated.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libvips from Debian's libvips-dev: scans and photos are shrunk for the site.
        .systemLibrary(
            name: "CVips",
            path: "Sources/CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "SitegenKit",
            dependencies: [
                "CMark",
                "CLibXML2",
                "CZlib",
                "CVips",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `sitegen serve`: the preview server, kept apart so SitegenKit stays free of SwiftNIO.
        .target(
            name: "SitegenServer",
            dependencies: [
                "SitegenKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenKit",
                "SitegenServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SitegenKitTests",
            // Yams: the YAML limits are tested against what Yams itself parses. swift-mustache: the
            // oracle the compiled renderer's output is compared with, byte for byte.
            dependencies: ["SitegenKit", "SitegenServer", .product(name: "Yams", package: "Yams"),
                           .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures"]
        ),
    ]
)

// libFuzzer targets (see Fuzz/README.md). They have no `main` of their own (libFuzzer supplies it
// under `-sanitize=fuzzer`), so they would break a plain `swift build`: only declared when asked for.
if Context.environment["SITEGEN_FUZZ"] == "1" {
    package.products.append(.executable(name: "FuzzFrontMatter", targets: ["FuzzFrontMatter"]))
    package.targets.append(.executableTarget(name: "FuzzFrontMatter", dependencies: ["SitegenKit", .product(name: "Yams", package: "Yams")],
                                             path: "Fuzz/FuzzFrontMatter"))
    package.products.append(.executable(name: "FuzzIngest", targets: ["FuzzIngest"]))
    package.targets.append(.executableTarget(name: "FuzzIngest", dependencies: ["SitegenKit"], path: "Fuzz/FuzzIngest"))
}
