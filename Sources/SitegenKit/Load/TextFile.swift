import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads an editor's text file: UTF-8 only (with or without BOM), CRLF folded to LF.
package enum TextFile {
    /// Far beyond any article, listing or template (a 1 MB paragraph is fine), and small enough
    /// that a stray video renamed `.md` fails at once instead of filling memory.
    package static let maximumBytes = 8 * 1024 * 1024

    package static func read(_ url: URL, displayPath: String) throws(SitegenError) -> String {
        try read(path: url.path, displayPath: displayPath)
    }

    /// Plain system calls on a path: a build reads every article once or twice, and a `URL` or
    /// `Data(contentsOf:)` costs extra stats (path lookups) per file.
    package static func read(path: String, displayPath: String) throws(SitegenError) -> String {
        // Non-blocking, so that opening a FIFO named `x.md` returns at once; fstat then refuses
        // it along with devices and sockets (it would block the build or never end).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw SitegenError(
                path: displayPath, "cannot be read (\(String(cString: strerror(errno))))",
                fix: "check that the file exists and is readable")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw SitegenError(
                path: displayPath, "is not a regular file (a pipe, device or socket)",
                fix: "replace it with the text file it stands for, or remove it")
        }
        guard status.st_size <= maximumBytes else {
            throw SitegenError(
                path: displayPath,
                "is \(status.st_size / 1024 / 1024) MB; sitegen reads text files of at most \(maximumBytes / 1024 / 1024) MB",
                fix: "check that it is the right file; an article is text only (pictures are not kept in Content)")
        }
        // One byte more than its size, to see the end of the file in one read when it did not grow.
        let capacity = Int(status.st_size) + 1
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity {
                let got = Glibc.read(descriptor, buffer.baseAddress! + count, capacity - count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failed = true }
                if got <= 0 { break }
                count += got
            }
        }
        guard !failed else {
            throw SitegenError(
                path: displayPath, "cannot be read (\(String(cString: strerror(errno))))",
                fix: "check that the file exists and is readable")
        }
        guard bytes.count < capacity else {
            throw SitegenError(path: displayPath, "changed while it was read", fix: "build again once it is saved")
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(SitegenError) in try decode(buffer, displayPath: displayPath) }
        }.get()
    }

    package static func decode(_ data: Data, displayPath: String) throws(SitegenError) -> String {
        // Validating from a buffer pointer takes the standard library's fast path; from a Data
        // slice it goes byte by byte through an iterator.
        try data.withUnsafeBytes { raw in
            Result { () throws(SitegenError) in try decode(raw.bindMemory(to: UInt8.self), displayPath: displayPath) }
        }.get()
    }

    package static func decode(_ buffer: UnsafeBufferPointer<UInt8>, displayPath: String) throws(SitegenError) -> String
    {
        var bytes = buffer[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self) else {
            let bad = firstInvalidUTF8Offset(Data(bytes)[...]) ?? 0
            let line = bytes.prefix(bad).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw SitegenError(
                path: displayPath, line: line, "is not UTF-8 text (byte \(bad + 1) is not valid UTF-8)",
                fix: "save the file as UTF-8; `sitegen ingest` converts GBK/GB18030 pages for you")
        }
        return normalizingLineEnds(text)
    }

    /// CRLF and lone CR become LF (byte-wise: CR never occurs inside a UTF-8 sequence).
    package static func normalizingLineEnds(_ text: String) -> String {
        var text = text
        let hasCR = text.withUTF8 { bytes in bytes.count > 0 && memchr(bytes.baseAddress!, 0x0D, bytes.count) != nil }
        guard hasCR else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if byte == 0x0D {
                bytes.append(0x0A)
            } else if !(byte == 0x0A && previousCR) {
                bytes.append(byte)
            }
            previousCR = byte == 0x0D
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Offset (in `bytes`' indices) of the first byte that is not part of valid UTF-8, or nil.
    package static func firstInvalidUTF8Offset(_ bytes: Data.SubSequence) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error(let length):
                _ = length
                return offset
            }
        }
    }
}
