import Foundation
import Hummingbird

#if canImport(Glibc)
    import Glibc
#endif

/// One file of the built site as HTTP serves it: validators (`ETag`, `Last-Modified`) so a
/// browser's revalidation gets 304, and byte ranges (206/416) so PDFs and pictures can be read in
/// parts and resumed. Everything comes from one open descriptor, so a rebuild that replaces the
/// file meanwhile cannot mix two versions in one answer.
struct FileAnswer {
    /// The file's state when it was opened.
    struct Version {
        var size: Int
        var modified: timespec
        var inode: UInt

        /// Changes whenever the file is replaced or rewritten (a rebuild writes new files).
        var etag: String {
            "\"\(String(inode, radix: 16))-\(String(size, radix: 16))-\(String(modified.tv_sec, radix: 16)).\(String(modified.tv_nsec, radix: 16))\""
        }
    }

    /// Transforms the bytes before they are sent (the live-reload script into HTML); nil serves
    /// the file as it is, read only as far as a range asks.
    var transform: ((Data) -> Data)?

    /// The answer, or nil when the file cannot be opened (gone since it was resolved).
    func response(path: String, type: String, to request: Request) -> Response? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var version = Version(size: Int(status.st_size), modified: status.st_mtim, inode: UInt(status.st_ino))
        var whole: Data?
        if let transform {
            guard let bytes = Self.read(descriptor, from: 0, count: version.size) else { return nil }
            whole = transform(bytes)
            version.size = whole!.count
        }
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store", .acceptRanges: "bytes"]
        headers[.eTag] = version.etag
        headers[.lastModified] = HTTPDate.format(version.modified.tv_sec)
        let head = request.method == .head
        if Conditions.isNotModified(request.headers, version: version) {
            return Response(status: .notModified, headers: headers)
        }
        let range =
            Conditions.honoursRange(request.headers, version: version)
            ? request.headers[.range].map { ByteRange.parse($0, size: version.size) } : nil
        switch range {
        case .unsatisfiable?:
            headers[.contentRange] = "bytes */\(version.size)"
            headers[.contentLength] = "0"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .part(let part)?:
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(version.size)"
            return answer(.partialContent, headers, whole: whole, part: part, descriptor: descriptor, head: head)
        case .whole?, nil:
            return answer(.ok, headers, whole: whole, part: 0..<version.size, descriptor: descriptor, head: head)
        }
    }

    private func answer(
        _ status: HTTPResponse.Status, _ headers: HTTPFields, whole: Data?, part: Range<Int>,
        descriptor: Int32, head: Bool
    ) -> Response? {
        var headers = headers
        headers[.contentLength] = String(part.count)
        if head { return Response(status: status, headers: headers, body: ResponseBody()) }
        let bytes: Data
        if let whole {
            bytes = whole.subdata(in: part)
        } else {
            guard let read = Self.read(descriptor, from: part.lowerBound, count: part.count) else { return nil }
            bytes = read
        }
        // A file that shrank since fstat: no answer rather than a short one.
        guard bytes.count == part.count else { return nil }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func read(_ descriptor: Int32, from offset: Int, count: Int) -> Data? {
        var data = Data(count: count)
        var done = 0
        let ok = data.withUnsafeMutableBytes { buffer -> Bool in
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { return got == 0 }
                done += got
            }
            return true
        }
        guard ok else { return nil }
        return done == count ? data : data.prefix(done)
    }
}

/// The request's preconditions (RFC 9110 §13) that sitegen honours.
enum Conditions {
    /// `If-None-Match` when sent, else `If-Modified-Since`: whether the client's copy is current.
    static func isNotModified(_ headers: HTTPFields, version: FileAnswer.Version) -> Bool {
        if let match = headers[.ifNoneMatch] {
            return matches(match, version.etag, weak: true)
        }
        if let since = headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
            return version.modified.tv_sec <= since
        }
        return false
    }

    /// `If-Range`: a range only for the version the client holds a part of (otherwise all of it).
    static func honoursRange(_ headers: HTTPFields, version: FileAnswer.Version) -> Bool {
        guard let condition = headers[.ifRange] else { return true }
        if condition.hasPrefix("\"") { return condition == version.etag }
        return HTTPDate.parse(condition) == version.modified.tv_sec
    }

    /// Whether a list of entity tags names `etag` (`*` names any); weak comparison ignores `W/`.
    static func matches(_ list: String, _ etag: String, weak: Bool) -> Bool {
        list.split(separator: ",").contains { item in
            var tag = item.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if weak, tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}

/// A `Range: bytes=…` header against a file of `size` bytes (RFC 9110 §14).
enum ByteRange: Equatable {
    /// Serve the whole file: no byte range asked, several asked (sending one is allowed), or a
    /// header sitegen does not understand (which must be ignored).
    case whole
    case part(Range<Int>)
    case unsatisfiable

    static func parse(_ header: String, size: Int) -> ByteRange {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return .whole }
        let spec = text.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            // `bytes=-N`: the last N bytes.
            guard let suffix = Int(last), suffix >= 0 else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .part(max(0, size - suffix)..<size)
        }
        guard let start = Int(first), start >= 0 else { return .whole }
        guard start < size else { return .unsatisfiable }
        if last.isEmpty { return .part(start..<size) }
        guard let end = Int(last), end >= start else { return .whole }
        return .part(start..<min(end, size - 1) + 1)
    }
}

/// HTTP's date format (IMF-fixdate, RFC 9110 §5.6.7), in UTC.
enum HTTPDate {
    static func format(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// Seconds since 1970, or nil for anything but an IMF-fixdate (an invalid date is ignored).
    static func parse(_ text: String) -> Int? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT", let day = Int(parts[1]),
            let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]), (1970...9999).contains(year)
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...31).contains(day), (0...23).contains(clock[0]), (0...59).contains(clock[1]),
            (0...60).contains(clock[2])
        else { return nil }
        return daysSince1970(year: year, month: month + 1, day: day) * 86_400 + clock[0] * 3600 + clock[1] * 60
            + clock[2]
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
