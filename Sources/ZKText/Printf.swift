#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C `printf` formatting of numbers for human-readable output (`"%.2f"`, `"%5.1f"`, `"%.3g"`),
/// through `vsnprintf`, without Foundation's `String(format:)`.
public enum Printf {
    /// `format` with `arguments`, as C's `snprintf` writes it.
    /// - Precondition: `format`'s conversions match `arguments` (as for `printf`).
    public static func format(_ format: String, _ arguments: CVarArg...) -> String {
        var capacity = 128
        while true {
            let (text, needed) = withVaList(arguments) { list -> (String?, Int) in
                var buffer = [CChar](repeating: 0, count: capacity)
                let needed = Int(vsnprintf(&buffer, capacity, format, list))
                guard needed >= 0, needed < capacity else { return (nil, needed) }
                return (String(decoding: buffer[0 ..< needed].map { UInt8(bitPattern: $0) }, as: UTF8.self), needed)
            }
            if let text { return text }
            precondition(needed >= 0, "invalid format \(format)")
            capacity = needed + 1
        }
    }
}
