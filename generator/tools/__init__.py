"""The trainer tools: lint, stats, scaffold, paper exams, exports and class reports."""
