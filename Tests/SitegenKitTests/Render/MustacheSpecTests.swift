import Foundation
import Testing

@testable import SitegenKit

/// The official Mustache specification's tests (../shared/mustache-spec, MIT, from the
/// mustache/spec repository), run on sitegen's compiled renderer with JSON data as dynamic contexts.
@Suite struct MustacheSpecTests {
    static let specFolder = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/mustache-spec")

    struct SpecTest: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let desc: String
        let data: JSONValue
        let template: String
        let partials: [String: String]?
        let expected: String
        var file = ""

        enum CodingKeys: String, CodingKey { case name, desc, data, template, partials, expected }
        var testDescription: String { "\(file): \(name)" }
    }

    struct SpecFile: Decodable { let tests: [SpecTest] }

    /// JSON as the specification writes its data.
    enum JSONValue: Decodable, Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Int.self) {
                self = .int(number)
            } else if let number = try? container.decode(Double.self) {
                self = .double(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let list = try? container.decode([JSONValue].self) {
                self = .array(list)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }

        var templateValue: TemplateValue {
            switch self {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .int(number)
            case .double(let number): return .double(number)
            case .string(let text): return .text(text)
            case .array(let items): return .list(items.map(\.templateValue))
            case .object(let fields): return .object(DynamicContext(fields.mapValues(\.templateValue)))
            }
        }
    }

    static func tests(in files: [String]) -> [SpecTest] {
        files.flatMap { file -> [SpecTest] in
            guard let data = try? Data(contentsOf: specFolder.appendingPathComponent("\(file).json")),
                let spec = try? JSONDecoder().decode(SpecFile.self, from: data)
            else { return [] }
            return spec.tests.map { test in
                var test = test
                test.file = file
                return test
            }
        }
    }

    static let supported = tests(in: [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance",
    ])

    @Test func theSpecificationIsThere() {
        #expect(Self.supported.count == 163)
    }

    @Test(arguments: supported)
    func specification(_ test: SpecTest) throws {
        let rendered = try render(test.template, partials: test.partials ?? [:], data: test.data)
        #expect(rendered == test.expected, "\(test.desc)")
    }

    /// Dynamic partial names are not supported: a clear error, at compile time.
    @Test func dynamicNamesAreATemplateError() {
        let tests = Self.tests(in: ["~dynamic-names"])
        #expect(!tests.isEmpty)
        #expect(throws: TemplateCompileError.self) {
            try render("{{>*name}}", partials: ["x": "x"], data: .object(["name": .string("x")]))
        }
    }

    func render(_ template: String, partials: [String: String], data: JSONValue) throws(TemplateCompileError) -> String
    {
        var compiler = TemplateCompiler(source: { $0 == "" ? template : partials[$0] }, missingPartialIsError: false)
        let ops = try compiler.compile("", for: .dynamic)
        var renderer = TemplateRenderer()
        renderer.render(ops, context: data.templateValue)
        return String(decoding: renderer.output, as: UTF8.self)
    }
}
