/// ONNX's sequence operators (opset 11 on), resolved with the graph (``SequenceResolution``): a
/// sequence is a list of tensor names known when the graph is resolved, so no later stage sees one.
/// Each follows the ONNX operator specification:
///
/// - `SequenceEmpty()`, `SequenceConstruct(x₁, …, xₙ)`: the empty list, the list of its inputs;
/// - `SequenceInsert(S, t, position)`: `t` inserted before `position` (`[−n, n]`, negative from the
///   back; the end without one), `SequenceErase(S, position)`: the element at `position`
///   (`[−n, n − 1]`; the last without one) removed — positions must be constants;
/// - `SequenceAt(S, position)`: the element at `position` (`[−n, n − 1]`). A constant position is
///   that tensor; a computed one, over elements of one shape and type, is a `GatherElements` of the
///   stacked elements, which proves the position in range;
/// - `SequenceLength(S)`: the element count, an `int64` scalar constant;
/// - `SplitToSequence(x, split; axis = 0, keepdims = 1)`: `x` cut along `axis` into pieces of one
///   (without `split`; `keepdims = 0` drops the axis), of `split` each (a scalar: the last may be
///   shorter) or of the lengths `split` lists (1-D, summing to the axis) — `Slice`s of constant bounds;
/// - `ConcatFromSequence(S; axis, new_axis = 0)`: `Concat` of the elements along `axis`, or with
///   `new_axis = 1` along a new axis inserted at `axis` (`[−r − 1, r]`), numpy's `stack`.
///
/// A sequence read by any other operator, or a graph output, is refused by name: zkml proves tensors.
public enum SequenceOperator: String, Sendable, Hashable, CaseIterable {
    case sequenceEmpty = "SequenceEmpty"
    case sequenceConstruct = "SequenceConstruct"
    case sequenceInsert = "SequenceInsert"
    case sequenceErase = "SequenceErase"
    case sequenceAt = "SequenceAt"
    case sequenceLength = "SequenceLength"
    case splitToSequence = "SplitToSequence"
    case concatFromSequence = "ConcatFromSequence"
}
