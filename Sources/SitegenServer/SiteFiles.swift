import Foundation

/// Maps a request path onto a file of the built site, refusing anything outside it.
///
/// The path is percent-decoded once; a `..` or `.` segment, a NUL byte, a hidden name (`.git`) or a
/// file whose real path (links resolved) leaves the site's real folder is not found.
struct SiteFiles: Sendable {
    enum Resolution: Equatable {
        case file(path: String, contentType: String)
        /// A folder asked for without its trailing slash: relative links need the slash.
        case redirect(String)
        case notFound
    }

    let root: URL

    func resolve(_ rawPath: String) -> Resolution {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/"), !decoded.contains("\0") else {
            return .notFound
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) { return .notFound }
        let relative = segments.joined(separator: "/")
        guard let rootReal = Self.realPath(root.path) else { return .notFound }
        let candidate = relative.isEmpty ? rootReal : rootReal + "/" + relative
        guard let real = Self.realPath(candidate), real == rootReal || real.hasPrefix(rootReal + "/") else {
            return .notFound
        }
        var status = stat()
        guard stat(real, &status) == 0 else { return .notFound }
        if status.st_mode & S_IFMT == S_IFDIR {
            if !decoded.hasSuffix("/") { return .redirect(rawPath + "/") }
            let index = real + "/index.html"
            guard let indexReal = Self.realPath(index), indexReal.hasPrefix(rootReal + "/") else { return .notFound }
            return .file(path: indexReal, contentType: Self.contentType(of: indexReal))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return .notFound }
        return .file(path: real, contentType: Self.contentType(of: real))
    }

    /// The site's own not-found page, when it has one.
    var notFoundPage: String? {
        let path = root.path + "/404.html"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "application/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml", "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "pdf": "application/pdf", "woff2": "font/woff2", "woff": "font/woff",
    ]

    static func contentType(of path: String) -> String {
        let name = (path as NSString).lastPathComponent
        if name == "feed.xml" { return "application/atom+xml" }
        let ext = (name as NSString).pathExtension.lowercased()
        return contentTypes[ext] ?? "application/octet-stream"
    }
}
