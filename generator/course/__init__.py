"""The course: what trainers write, read with positions, validated and cross-checked."""
