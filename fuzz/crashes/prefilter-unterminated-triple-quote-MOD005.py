"""
exec n

