import SitegenKit

/// What ingest did with one input or one file, as the command prints it.
public struct IngestOutcome: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A new file was written.
        case written
        /// A file ingest wrote earlier was replaced with new content.
        case updated
        /// The file already holds exactly this.
        case unchanged
        /// The file was edited by hand since ingest wrote it (or written by hand): left alone.
        case kept
        /// Nothing could be taken from the input, or its article could not be placed.
        case rejected
        /// A file the input links to (its scan, PDF or a photo) is not in the mirror folder, or
        /// is not what it should be: not copied; the rest of the input is ingested.
        case missing
    }

    public var kind: Kind
    /// The input as given on the command line.
    public var input: String
    /// The Content file concerned, as shown to the user.
    public var target: String?
    /// Why (for kept and rejected).
    public var reason: String?

    /// `written    Content/2018/07/19/03/05.md  ← dumps/dqrb.txt`
    public var line: String {
        let label = kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
        switch kind {
        case .rejected, .missing:
            return label + input + ": " + (reason ?? "")
        case .kept:
            return label + (target ?? "") + " (" + (reason ?? "edited by hand") + ")  ← " + input
        default:
            return label + (target ?? "") + (reason.map { " (\($0))" } ?? "") + "  ← " + input
        }
    }
}

public struct IngestReport: Sendable {
    public var outcomes: [IngestOutcome] = []
    public var inputs = 0

    public init() {}

    public func count(_ kind: IngestOutcome.Kind) -> Int { outcomes.filter { $0.kind == kind }.count }
    /// Inputs with at least one rejection.
    public var rejectedInputs: Int { Set(outcomes.filter { $0.kind == .rejected }.map(\.input)).count }
    public var succeeded: Bool { rejectedInputs == 0 }

    public var summary: String {
        "\(inputs) input\(inputs == 1 ? "" : "s"): \(count(.written)) written, \(count(.updated)) updated, "
            + "\(count(.unchanged)) unchanged, \(count(.kept)) kept, \(rejectedInputs) rejected"
            + (count(.missing) == 0 ? "" : ", \(count(.missing)) linked files missing")
    }
}
