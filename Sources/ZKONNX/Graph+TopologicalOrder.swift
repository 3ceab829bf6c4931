extension Graph {
    /// Kahn's algorithm, stable with respect to file order.
    /// - Throws: ``ONNXError/invalidModel(reason:)`` when a node reads a value nothing produces or
    ///   the nodes form a cycle.
    static func topologicallySorted(_ nodes: [Node], available: Set<String>) throws -> [Node] {
        var producer: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for output in node.outputs where !output.isEmpty {
                if producer[output] != nil || available.contains(output) {
                    throw ONNXError.invalidModel(reason: "value '\(output)' is produced twice (node '\(node.name)')")
                }
                producer[output] = index
            }
        }
        var pending = [Int](repeating: 0, count: nodes.count)
        var consumers = [[Int]](repeating: [], count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for input in Set(node.inputs) where !input.isEmpty {
                if let source = producer[input] {
                    pending[index] += 1
                    consumers[source].append(index)
                } else if !available.contains(input) {
                    throw ONNXError.invalidModel(reason: "node '\(node.name)' reads '\(input)', which nothing produces")
                }
            }
        }
        var ready = (0..<nodes.count).filter { pending[$0] == 0 }.reversed() as [Int]
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        while let next = ready.popLast() {
            order.append(next)
            var released: [Int] = []
            for consumer in consumers[next] {
                pending[consumer] -= 1
                if pending[consumer] == 0 { released.append(consumer) }
            }
            ready.append(contentsOf: released.sorted(by: >))
            ready.sort(by: >)
        }
        guard order.count == nodes.count else {
            throw ONNXError.invalidModel(reason: "the graph has a cycle")
        }
        return order.map { nodes[$0] }
    }
}
