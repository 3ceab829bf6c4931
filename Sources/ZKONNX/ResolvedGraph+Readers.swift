extension ResolvedGraph {
    /// How many times each value is read: once per node input that names it, once more when it is
    /// a graph output. A rewrite that removes or changes a value checks that its count is 1.
    public var readerCounts: [String: Int] {
        var readers: [String: Int] = [:]
        for node in nodes { for input in node.inputs { readers[input, default: 0] += 1 } }
        for output in outputs { readers[output.name, default: 0] += 1 }
        return readers
    }
}
