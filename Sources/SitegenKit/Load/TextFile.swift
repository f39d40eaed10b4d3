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
        let bytes = try readBytes(path: path, displayPath: displayPath)
        return try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(SitegenError) in try decode(buffer, displayPath: displayPath) }
        }.get()
    }

    /// The file's bytes, not yet decoded: the same checks as `read` (a regular file of at most
    /// `maximumBytes`, read whole).
    package static func readBytes(path: String, displayPath: String) throws(SitegenError) -> [UInt8] {
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
        // One byte more than its size, to see that it grew; a read that stops short at its size
        // has met the end of the file (no second read to be told so).
        let size = Int(status.st_size)
        let capacity = size + 1
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity {
                let asked = capacity - count
                let got = Glibc.read(descriptor, buffer.baseAddress! + count, asked)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failed = true }
                if got <= 0 { break }
                count += got
                if got < asked && count == size { break }
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
        return bytes
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
        let text = withoutByteOrderMark(buffer)
        let survey = survey(text)
        guard survey.isUTF8 else {
            let bad = firstInvalidUTF8Offset(Data(text)[...]) ?? 0
            let line = text.prefix(bad).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw SitegenError(
                path: displayPath, line: line, "is not UTF-8 text (byte \(bad + 1) is not valid UTF-8)",
                fix: "save the file as UTF-8; `sitegen ingest` converts GBK/GB18030 pages for you")
        }
        let decoded = String(checkedUTF8: text)
        return survey.hasCR ? normalizingLineEnds(decoded) : decoded
    }

    /// The bytes after a UTF-8 byte order mark, if they start with one.
    package static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)...])
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

    /// What one pass over a file's bytes (after any byte order mark) finds: whether they are UTF-8,
    /// and whether `decode` and `String.withoutControlCharacters` would change them. When they are
    /// UTF-8 with neither, the bytes are already the text those give, and a body read again needs
    /// no second pass for each.
    package struct Survey: Equatable {
        package var isUTF8 = true
        /// A carriage return (`normalizingLineEnds` folds it).
        package var hasCR = false
        /// A character `withoutControlCharacters` drops.
        package var hasControl = false
    }

    package static func survey(_ bytes: UnsafeBufferPointer<UInt8>) -> Survey {
        var found = Survey()
        guard let base = bytes.baseAddress else { return found }
        let end = bytes.count
        var index = 0
        @inline(__always) func invalid() -> Survey {
            found.isUTF8 = false
            return found
        }
        while index < end {
            index = plainASCIIEnd(base, from: index, to: end)
            guard index < end else { break }
            let lead = base[index]
            if lead < 0x80 {
                // A byte below 0x20 or 0x7F (the only ones `plainASCIIEnd` stops at).
                if lead == 0x0D { found.hasCR = true } else if lead != 0x09 && lead != 0x0A { found.hasControl = true }
                index += 1
            } else if lead < 0xE0 {
                guard lead >= 0xC2, index + 1 < end, base[index + 1] & 0xC0 == 0x80 else { return invalid() }
                if lead == 0xC2 && base[index + 1] < 0xA0 { found.hasControl = true }  // C1 controls
                index += 2
            } else if lead < 0xF0 {
                // Most of Chinese text, its punctuation included: a run of leads E1–EC, EE or EF
                // (any two continuation bytes follow), four bytes read at once.
                let next = threeByteRunEnd(base, from: index, to: end)
                if next != index {
                    index = next
                    continue
                }
                guard index + 2 < end else { return invalid() }
                let second = base[index + 1]
                let third = base[index + 2]
                // E0 would be an overlong form below A0, ED a surrogate from A0.
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard second >= low, second <= high, third & 0xC0 == 0x80 else { return invalid() }
                if lead == 0xEF && second == 0xBF && third >= 0xBE { found.hasControl = true }  // U+FFFE, U+FFFF
                index += 3
            } else {
                guard lead < 0xF5, index + 3 < end else { return invalid() }
                let second = base[index + 1]
                // F0 would be an overlong form below 90, F4 beyond U+10FFFF from 90.
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard second >= low, second <= high, base[index + 2] & 0xC0 == 0x80, base[index + 3] & 0xC0 == 0x80
                else { return invalid() }
                index += 4
            }
        }
        return found
    }

    /// Where the run of three-byte characters with a lead E1–EC, EE or EF (not followed by BF)
    /// starting at `index` ends (`index` itself when none starts there): those take any two
    /// continuation bytes and are never a control. The last three bytes are left to the caller
    /// (four are read at once). A loop of its own, free of overflow checks: the survey's flags stay
    /// out of its registers.
    @inline(never)
    private static func threeByteRunEnd(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        let last = end &- 4
        // Bits 1–12 and 14: the low nibbles of E1–EC and EE.
        let plainLeads: UInt32 = 0x5FFE
        while index <= last {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)
            guard word & 0x00C0_C0F0 == 0x0080_80E0 else { break }
            if (plainLeads >> (word & 0x0F)) & 1 == 0 {
                // EF too, unless EF BF (U+FFFE/U+FFFF are controls): the full-width comma and
                // other forms of Chinese punctuation (EF BC 8C) then stay in the run.
                guard word & 0xFF == 0xEF, word & 0xFF00 != 0xBF00 else { break }
            }
            index &+= 3
        }
        return index
    }

    /// Where the run of printable ASCII starting at `index` ends, eight bytes at a time: the first
    /// word holding a byte of 0x80 or more, below 0x20, or 0x7F ends the fast steps.
    @inline(__always)
    private static func plainASCIIEnd(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let below20 = (word &- ones &* 0x20) & ~word
            let delete = word ^ (ones &* 0x7F)
            guard (word | below20 | ((delete &- ones) & ~delete)) & highs == 0 else { break }
            index += 8
        }
        while index < end, base[index] >= 0x20, base[index] < 0x7F { index += 1 }
        return index
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

extension String {
    /// A String of bytes `TextFile.survey` found to be UTF-8, not checked again where the standard
    /// library can take them as they are (UTF8Span, from Swift 6.2's runtime: always on Linux).
    package init(checkedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        if #available(macOS 26, *) {
            self = String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes)))
        } else {
            self = String(decoding: bytes, as: UTF8.self)
        }
    }
}
