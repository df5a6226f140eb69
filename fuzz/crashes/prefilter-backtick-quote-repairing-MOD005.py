`"`"O"""
exec"""