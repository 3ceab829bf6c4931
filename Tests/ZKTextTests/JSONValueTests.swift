import FoundationEssentials
import Testing
import ZKText

@Suite("JSONValue: zkml's own JSON reader and writer")
struct JSONValueTests {
    func parse(_ text: String) throws(JSONValue.ParseError) -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    @Test("documents parse to the values they spell")
    func parsing() throws {
        #expect(try parse(#" {"a": [1, -2, 3.5, 1e3, -0.25e-2], "b": {"c": null}, "d": true, "e": false} "#) == .object([
            "a": .array([.integer(1), .integer(-2), .number(3.5), .number(1000), .number(-0.0025)]),
            "b": .object(["c": .null]), "d": .bool(true), "e": .bool(false),
        ]))
        #expect(try parse(#""tab\t quote\" slash\/ back\\ \u00e9 \ud83d\ude00""#) == .string("tab\t quote\" slash/ back\\ é 😀"))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object([:]))
        #expect(try parse("9223372036854775807") == .integer(.max))
        #expect(try parse("9223372036854775808") == .number(9223372036854775808))   // past Int64: a double
        #expect(try parse("\"ü\"") == .string("ü"))
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.integer(1)]))   // a UTF-8 BOM
        let value = try parse(#"{"n": 4, "x": 2.5, "s": ["a", "b"], "mixed": ["a", 1]}"#)
        #expect(value["n"]?.intValue == 4 && value["x"]?.intValue == nil && value["x"]?.doubleValue == 2.5)
        #expect(value["s"]?.stringArrayValue == ["a", "b"] && value["mixed"]?.stringArrayValue == nil)
    }

    @Test("malformed documents are rejected with the offset where reading stopped")
    func malformed() {
        let bad = ["", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{a: 1}", "01", "-", "1.", "1e", ".5", "+1", "tru", "nul",
                   "\"open", "\"bad \\x escape\"", "\"\\ud800\"", "\"\u{01}\"", "[1] x", "{\"a\":1,}", "NaN", "[\"\\u12\"]"]
        for text in bad {
            #expect(throws: JSONValue.ParseError.self, "\(text)") { try parse(text) }
        }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array("[[[[1]]]]".utf8), maxDepth: 3) }
        #expect((try? JSONValue.parse(Array("[[[1]]]".utf8), maxDepth: 3)) != nil)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse([0x22, 0xFF, 0x22]) }   // not UTF-8
        do { _ = try parse("[1, x]"); Issue.record("parsed") } catch { #expect(error.offset == 4) }
    }

    @Test("rendering sorts keys, escapes strings, writes integral doubles as integers, and reads back")
    func rendering() throws {
        let value: JSONValue = .object(["b": .array([.integer(1), .number(0.5), .number(2), .number(.nan)]), "a": .string("q\"\n\u{01}"),
                                        "c": .object([:]), "d": .array([])])
        #expect(value.rendered() == #"{"a":"q\"\n\u0001","b":[1,0.5,2,null],"c":{},"d":[]}"#)
        #expect(JSONValue.object(["k": .array([.integer(1), .bool(true)]), "j": .null]).rendered(pretty: true) == """
            {
              "j" : null,
              "k" : [
                1,
                true
              ]
            }
            """)
        let round: JSONValue = .object(["x": .number(0.1), "y": .number(-1.5e-9), "z": .number(1e300), "s": .string("é😀"),
                                        "i": .integer(-42), "n": .array([.null, .bool(false)])])
        #expect(try JSONValue.parse(Array(round.rendered().utf8)) == round)
        #expect(try JSONValue.parse(Array(round.rendered(pretty: true).utf8)) == round)
    }

    @Test("loosely typed dictionaries convert: optionals, integer widths, Bool kept apart from numbers")
    func fromAny() {
        let missing: String? = nil
        let object: [String: Any] = ["flag": true, "count": 3, "wide": Int64(-5), "rows": [[1.5, 2.0]], "none": missing as Any,
                                     "some": Optional("x") as Any, "nested": ["k": UInt32(7)], "json": JSONValue.null]
        #expect(JSONValue(object) == .object([
            "flag": .bool(true), "count": .integer(3), "wide": .integer(-5), "rows": .array([.array([.number(1.5), .number(2)])]),
            "none": .null, "some": .string("x"), "nested": .object(["k": .integer(7)]), "json": .null,
        ]))
    }

    @Test("printf formatting, padding, trimming and system error text")
    func text() throws {
        #expect(Printf.format("%.2f s", 1.2345) == "1.23 s")
        #expect(Printf.format("%5.1f", 3.14159) == "  3.1")
        #expect(Printf.format("%.3g", 0.000123456) == "0.000123")
        #expect(Printf.format("%d-%x", 7, 255) == "7-ff")
        let long = Printf.format("%0300d", 1)
        #expect(long.count == 300 && long.hasSuffix("01"))
        #expect("ab".padded(to: 4) == "ab  " && "abcdef".padded(to: 3) == "abc")
        #expect(" \t x y \t".trimmingSpaces == "x y" && "   ".trimmingSpaces == "")
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent-zkml-\(UInt64.random(in: 0 ... .max))"))
            Issue.record("read a missing file")
        } catch {
            #expect(ErrorText.reason(error) == "No such file or directory")
        }
        struct Shape: Decodable { let rows: [Int] }
        do {
            _ = try JSONDecoder().decode(Shape.self, from: Data(#"{"rows": [1, "x"]}"#.utf8))
            Issue.record("decoded")
        } catch {
            #expect(ErrorText.reason(error).hasPrefix("rows[1]: "))
        }
    }
}
