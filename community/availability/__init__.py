"""Weekly availability, the supply side: each producer says in a minute what it has this
week (products, quantities, prices, until when), from the site or through the signed link
of the weekly email that asks it "Still available? Change prices?"; buying organisations
get a weekly digest of what is available near them among the products they buy."""
