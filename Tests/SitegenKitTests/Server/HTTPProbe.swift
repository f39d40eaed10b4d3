import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A raw HTTP/1.1 client on a socket, so tests send request targets exactly as written
/// (`/../x`, `/%2e%2e/x`): URL types would normalise them away. Blocking calls run on a Dispatch
/// thread, never on the test's (and server's) cooperative threads.
struct HTTPProbe {
    struct Response {
        var status: Int
        var headers: [String: String]  // lowercased names
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: Int

    func get(_ target: String, method: String = "GET") async throws -> Response {
        let port = self.port
        return try await Self.offThread {
            // Generous: other tests' builds may keep the machine's cores busy.
            let socket = try Self.connect(port: port, timeoutSeconds: 60)
            defer { close(socket) }
            try Self.send(socket, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            var data = Data()
            while true {
                guard let chunk = Self.receive(socket) else {
                    throw Failure(
                        description: "\(target): no answer within 60 s (errno \(errno)) after \(data.count) bytes")
                }
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return try Self.parse(data)
        }
    }

    /// Runs blocking socket work on a Dispatch thread.
    private static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { done in
            DispatchQueue.global().async { done.resume(with: Result { try work() }) }
        }
    }

    /// Reads the live-reload event stream until `until` is seen in it or the time is up.
    func events(
        until: @escaping @Sendable (String) -> Bool, seconds: Double, whileOpen: @escaping @Sendable () -> Void = {}
    ) async throws -> String {
        let port = self.port
        return try await Self.offThread {
            let socket = try Self.connect(port: port, timeoutSeconds: 0.2)
            defer { close(socket) }
            try Self.send(socket, "GET /_sitegen/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            var data = Data()
            var acted = false
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let chunk = Self.receive(socket) {
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                let text = String(decoding: data, as: UTF8.self)
                if !acted, text.contains("\n\n") {
                    acted = true
                    whileOpen()
                }
                if until(text) { break }
            }
            return String(decoding: data, as: UTF8.self)
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// A connected socket whose reads give up after `timeoutSeconds`.
    static func connect(port: Int, timeoutSeconds: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        var timeout = timeval(
            tv_sec: Int(timeoutSeconds), tv_usec: Int((timeoutSeconds - Double(Int(timeoutSeconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect to \(port): \(errno)")
        }
        return fd
    }

    private static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(socket, bytes, bytes.count, 0) == bytes.count else {
            throw Failure(description: "send failed")
        }
    }

    /// Nil on a timeout; empty at the end of the stream.
    private static func receive(_ socket: Int32) -> Data? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &buffer, buffer.count, 0)
        if count < 0 { return nil }
        return Data(buffer[0..<count])
    }

    private static func parse(_ data: Data) throws -> Response {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no HTTP header in \(data.count) bytes")
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(head[0])")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ data: Data) -> Data {
        var result = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            result.append(rest[start..<min(start + size, rest.endIndex)])
            rest = rest[min(start + size + 2, rest.endIndex)...]
        }
        return result
    }
}
