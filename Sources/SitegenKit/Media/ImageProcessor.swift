import CVips
import Foundation

/// libvips, started once, with the limits sitegen puts on what it decodes.
enum ImageProcessor {
    /// The largest image sitegen decodes: a scan of a broadsheet at 600 dpi is about 70
    /// megapixels; a 20,000 × 20,000 image (400 megapixels, 1.2 GB decoded) is refused from its
    /// header before any pixel is read.
    static let maximumPixels = 100_000_000
    static let maximumSide = 30_000

    /// Nil once libvips is open and started, else why it is not (opened at the first image: a
    /// build without images never loads it).
    private static let startFailure: String? =
        sitegen_vips_start() == 0 ? nil : "libvips could not be started (\(String(cString: sitegen_vips_open_error())))"
    /// libvips keeps its error messages in one buffer for all threads.
    private static let errorLock = NSLock()

    struct Failure: Error {
        let message: String
    }

    /// The image's width and height, from its header.
    static func size(of path: String) throws(Failure) -> (width: Int, height: Int) {
        if let startFailure { throw Failure(message: startFailure) }
        var width: Int32 = 0
        var height: Int32 = 0
        guard sitegen_vips_header(path, &width, &height) == 0 else {
            throw lastError("is not an image sitegen can read")
        }
        return (Int(width), Int(height))
    }

    /// Writes `input` shrunk to at most `width` pixels wide into `output` (format by its extension)
    /// and returns the size written.
    static func shrink(_ input: String, to output: String, width: Int, quality: Int) throws(Failure) -> (
        width: Int, height: Int
    ) {
        if let startFailure { throw Failure(message: startFailure) }
        var outWidth: Int32 = 0
        var outHeight: Int32 = 0
        guard sitegen_vips_shrink(input, output, Int32(width), Int32(quality), &outWidth, &outHeight) == 0 else {
            throw lastError("cannot be decoded")
        }
        return (Int(outWidth), Int(outHeight))
    }

    /// Throws unless the image at `path` is within the limits and every pixel of it can be read.
    static func verify(_ path: String) throws(Failure) {
        let size = try self.size(of: path)
        try checkLimits(size)
        guard sitegen_vips_verify(path) == 0 else { throw lastError("cannot be decoded") }
    }

    /// Refuses an image too large to decode, from its header's size.
    static func checkLimits(_ size: (width: Int, height: Int)) throws(Failure) {
        guard size.width <= maximumSide, size.height <= maximumSide, size.width * size.height <= maximumPixels else {
            throw Failure(
                message:
                    "is \(size.width)×\(size.height) pixels, more than the \(maximumPixels / 1_000_000) megapixels sitegen decodes"
            )
        }
    }

    private static func lastError(_ what: String) -> Failure {
        errorLock.lock()
        defer { errorLock.unlock() }
        let detail = String(cString: sitegen_vips_error()).split(separator: "\n").first.map(String.init) ?? ""
        sitegen_vips_error_clear()
        return Failure(message: detail.isEmpty ? what : "\(what) (\(detail))")
    }
}
