"""Producers, markets, products, offers and prices: the public directory that every other
part of the site reads. Its models arrive with the directory feature."""
