package dev.fidelius.operator.render;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A template split into its parts, ready to render against any data. */
record ParsedTemplate(List<TemplatePart> parts) {

  ParsedTemplate {
    parts = List.copyOf(parts);
  }

  /** The keys the placeholders read, in order of first use. */
  Set<String> referencedKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (TemplatePart part : parts) {
      if (part instanceof TemplatePart.Placeholder placeholder
          && placeholder.operand() instanceof PlaceholderOperand.Key key) {
        keys.add(key.key());
      }
    }
    return Collections.unmodifiableSet(keys);
  }
}
