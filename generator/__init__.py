"""客服学堂: training units and question banks in YAML, rendered into a self-grading site."""
