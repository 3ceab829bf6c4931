/// A tensor in a lowering's working layout (``Quantizer`` scatter and gather): the output of an
/// integer step, or constants already quantized at the working scale. Keeping constants as values
/// lets a constant data tensor, constant updates or constant indices flow through the same code
/// and fold at compile time instead of becoming steps.
enum LayoutValue {
    case step(String)
    case constant([Int64])
}
