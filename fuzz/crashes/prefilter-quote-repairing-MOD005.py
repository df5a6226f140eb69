"
"""
exec"""